/**
 * The imports a source file declares, read from its text, and the project file each one names:
 * what the layer tests walk (tests/lib/layers.test.ts for lib/, tests/ui/layers.test.ts for the shell).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface Import {
  /** As written: `./lines`, `@/lib`, `zod`, `node:fs`. */
  spec: string;
  /** `import type` / `export type`: erased by the build, so it loads nothing (it still ties the layers). */
  typeOnly: boolean;
}

// Declarations start a line; what stands between the keyword and `from` is names, braces, commas and
// stars only, so a string or a comment that says "from '…'" is not taken for one.
const DECLARED = /^(?:import|export)\s+(type\s+)?[\w$\s{},*]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(text: string): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(DECLARED)) out.push({ spec: (m[2] ?? m[3]) as string, typeOnly: m[1] !== undefined });
  for (const m of text.matchAll(DYNAMIC)) out.push({ spec: m[1] as string, typeOnly: false });
  return out;
}

/** A source's code without its comments, for tests that look for names the code uses. */
export const codeOf = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

/** The file a relative or `@/` import names under `root` (a module, a `.tsx`, a folder's index), or null for a package. */
export function resolveImport(root: string, from: string, spec: string, exists: (file: string) => boolean = existsSync): string | null {
  const base = spec.startsWith('@/') ? join(root, spec.slice(2)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((f) => exists(f)) ?? base;
}
