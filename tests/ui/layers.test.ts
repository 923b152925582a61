/**
 * The views and the pure parts of the shell never load the extension API: walking their imports
 * (type-only ones aside) from each file never reaches `wxt/browser` or WXT's storage.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BROWSER = ['wxt/browser', 'wxt/utils/storage'];

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => existsSync(f)) ?? null;
}

/** Every package a file loads, through the project's own modules it imports. */
function loads(file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)) {
    if (m[1]) continue;
    const spec = (m[2] ?? m[3]) as string;
    const local = resolveImport(file, spec);
    if (local) for (const p of loads(local, seen)) out.add(p);
    else out.add(spec);
  }
  return out;
}

const files = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(dir, f));

describe('layers', () => {
  it.each([...files('components'), 'utils/findings.ts', 'utils/i18n.ts', 'utils/history/summary.ts', 'utils/history/search.ts'])(
    '%s loads no extension API',
    (file) => {
      const reached = [...loads(join(ROOT, file))].filter((p) => BROWSER.includes(p));
      expect(reached).toEqual([]);
    },
  );

  it('sees through to the extension API where a module does load it', () => {
    expect([...loads(join(ROOT, 'utils/history/index.ts'))]).toContain('wxt/browser');
    expect([...loads(join(ROOT, 'utils/prefs.ts'))]).toContain('wxt/utils/storage');
  });
});
