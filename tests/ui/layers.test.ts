/**
 * The views and the pure parts of the shell never load the extension API: walking their imports
 * (type-only ones aside) from each file never reaches `wxt/browser` or WXT's storage.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, resolveImport } from '../harness/imports';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BROWSER = ['wxt/browser', 'wxt/utils/storage'];

/** Every package a file loads, through the project's own modules it imports. */
function loads(file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  for (const { spec, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
    if (typeOnly) continue;
    const local = resolveImport(ROOT, file, spec);
    if (local && /\.tsx?$/.test(local) && existsSync(local)) for (const p of loads(local, seen)) out.add(p);
    else if (!local) out.add(spec);
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
