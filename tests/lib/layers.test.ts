/**
 * lib/ in layers (lib/README.md): a module imports only from floors below its own, two parts of one
 * floor stay apart, and lib/ loads no package but zod (the record, its JSON Schema) and pdf.js's
 * types (the PDF reader is handed pdf.js): never the extension API, a browser's or Node's modules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeOf, importsOf, resolveImport } from '../harness/imports';

/** Bottom to top; the parts of one floor may not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['lib/record/', 'lib/steps.ts'],
  ['lib/text/'],
  ['lib/grid/'],
  ['lib/prose/'],
  ['lib/detect/', 'lib/tables/'],
  ['lib/checks/', 'lib/derived.ts'],
  ['lib/analyze.ts'],
  ['lib/sources/'],
  ['lib/crawl/'],
  ['lib/output/'],
  ['lib/index.ts'],
];

/** The packages lib/ may load, where, and whether only their types. */
const PACKAGES: Record<string, { in: readonly string[]; typesOnly?: true }> = {
  zod: { in: ['lib/record/', 'lib/output/'] },
  'pdfjs-dist': { in: ['lib/sources/pdf/'], typesOnly: true },
};

const PURE = 'lib/ is pure: no extension API, window, chrome or Node module (the caller passes what it needs)';

const packageOf = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));

/** The floor and part of a lib/ file, or undefined when no layer holds it. */
function placeOf(file: string): { floor: number; part: string } | undefined {
  for (const [floor, parts] of LAYERS.entries())
    for (const part of parts) if (part.endsWith('/') ? file.startsWith(part) : file === part) return { floor, part };
  return undefined;
}

/** What breaks the layering among `files` (path under the root → source text), one message per import. */
function layerViolations(files: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    const own = placeOf(file);
    if (!own) {
      out.push(`${file} is in no layer: give its folder a floor in LAYERS (tests/lib/layers.test.ts) and lib/README.md`);
      continue;
    }
    for (const { spec, typeOnly } of importsOf(text)) {
      const named = `${file} imports '${spec}'`;
      const target = resolveImport('/', `/${file}`, spec, (f) => files.has(f.slice(1)));
      if (target === null) {
        const pkg = packageOf(spec);
        const allowed = PACKAGES[pkg];
        if (!allowed || spec.startsWith('node:')) out.push(`${named}: ${PURE}`);
        else if (!allowed.in.some((p) => file.startsWith(p))) out.push(`${named}: only ${allowed.in.join(', ')} may load ${pkg}`);
        else if (allowed.typesOnly && !typeOnly) out.push(`${named}: only its types (import type), since ${pkg} is passed in`);
        continue;
      }
      const to = relative('/', target);
      const theirs = placeOf(to);
      if (!to.startsWith('lib/') || !files.has(to)) out.push(`${named}, which is not a module of lib/`);
      else if (!theirs)
        continue; // reported as a file in no layer
      else if (theirs.floor > own.floor) out.push(`${named} (${to}): ${theirs.part} is above ${own.part}`);
      else if (theirs.floor === own.floor && theirs.part !== own.part)
        out.push(`${named} (${to}): ${theirs.part} and ${own.part} share a floor and stay apart`);
    }
  }
  return out;
}

const ROOT = join(import.meta.dirname, '..', '..');
const walk = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((f) => {
    const path = `${dir}/${f}`;
    return statSync(join(ROOT, path)).isDirectory() ? walk(path) : /\.tsx?$/.test(f) ? [path] : [];
  });
const LIB = new Map(walk('lib').map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));

describe('lib/ in layers', () => {
  it('has every module on a floor, importing only from below', () => {
    expect(layerViolations(LIB)).toEqual([]);
  });

  it('names each floor that exists, and lib/README.md lists them in the same order', () => {
    const readme = readFileSync(join(ROOT, 'lib', 'README.md'), 'utf8');
    const parts = LAYERS.flat();
    for (const part of parts) expect(existsSync(join(ROOT, part)), part).toBe(true);
    const at = parts.map((p) => readme.indexOf(`\`${p.slice('lib/'.length)}\``));
    expect(at.filter((i) => i < 0)).toEqual([]);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('names the import that runs up, the floor it breaks, and a module no floor holds', () => {
    const files = new Map([
      ['lib/record/schema.ts', "import { z } from 'zod';"],
      ['lib/record/bad.ts', "import type { Sentence } from '../prose/sentences';\nexport * from '../output/csv';"],
      ['lib/prose/sentences.ts', "import { norm } from '../text/normalize';"],
      ['lib/text/normalize.ts', ''],
      ['lib/output/csv.ts', "import type { ReportRecord } from '../record/schema';"],
      ['lib/tables/context.ts', "import { publishedAt } from '../detect/published';"],
      ['lib/detect/published.ts', ''],
      ['lib/stray.ts', ''],
    ]);
    expect(layerViolations(files)).toEqual([
      "lib/record/bad.ts imports '../prose/sentences' (lib/prose/sentences.ts): lib/prose/ is above lib/record/",
      "lib/record/bad.ts imports '../output/csv' (lib/output/csv.ts): lib/output/ is above lib/record/",
      "lib/tables/context.ts imports '../detect/published' (lib/detect/published.ts): lib/detect/ and lib/tables/ share a floor and stay apart",
      'lib/stray.ts is in no layer: give its folder a floor in LAYERS (tests/lib/layers.test.ts) and lib/README.md',
    ]);
  });

  it('names a browser, Node or stray package, and a reach outside lib/', () => {
    const files = new Map([
      ['lib/grid/a.ts', "import { browser } from 'wxt/browser';\nimport { readFileSync } from 'node:fs';"],
      ['lib/text/b.ts', "const fs = await import('fs');\nimport { z } from 'zod';"],
      ['lib/sources/pdf/read.ts', "import { getDocument } from 'pdfjs-dist';"],
      ['lib/steps.ts', "import { t } from '../utils/i18n';"],
    ]);
    expect(layerViolations(files)).toEqual([
      `lib/grid/a.ts imports 'wxt/browser': ${PURE}`,
      `lib/grid/a.ts imports 'node:fs': ${PURE}`,
      "lib/text/b.ts imports 'zod': only lib/record/, lib/output/ may load zod",
      `lib/text/b.ts imports 'fs': ${PURE}`,
      "lib/sources/pdf/read.ts imports 'pdfjs-dist': only its types (import type), since pdfjs-dist is passed in",
      "lib/steps.ts imports '../utils/i18n', which is not a module of lib/",
    ]);
  });

  it('names no browser or Node global in its code', () => {
    const found = [...LIB].flatMap(([file, text]) =>
      [...codeOf(text).matchAll(/\b(?:window|chrome|browser|process|globalThis)\b/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });
});
