/**
 * lib/crawl stays usable in a browser's extension page as on the command line: it imports only
 * lib/ itself, and reaches no environment of its own (no timer, clock, fetch, storage, Node or
 * browser global): all of those are passed in.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../../lib/crawl/', import.meta.url);
const code = (file: string) =>
  readFileSync(new URL(file, DIR), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');

const FORBIDDEN =
  /\b(?:Date\.now|setTimeout|setInterval|queueMicrotask|globalThis|process|window|chrome|browser|localStorage|sessionStorage|indexedDB|performance|require)\b|(?<![.\w])fetch\s*\(|(?<![.\w])document\./;

describe('lib/crawl', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports only lib/', (file) => {
    const imports = Array.from(code(file).matchAll(/\bfrom\s+'([^']+)'/g), (m) => m[1]);
    expect(imports.filter((i) => !i?.startsWith('./') && !i?.startsWith('../'))).toEqual([]);
  });

  it.each(files)('%s touches no timer, clock, fetch, storage or global of its own', (file) => {
    expect(code(file).match(FORBIDDEN)?.[0]).toBeUndefined();
  });
});
