/**
 * lib/crawl stays usable in a browser's extension page as on the command line: it reaches no
 * environment of its own (no timer, clock, fetch, storage or document): all of those are passed in.
 * What it imports, and the browser and Node globals no part of lib/ names, tests/lib/layers.test.ts checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../harness/imports';

const DIR = new URL('../../lib/crawl/', import.meta.url);

const FORBIDDEN =
  /\b(?:Date\.now|setTimeout|setInterval|queueMicrotask|localStorage|sessionStorage|indexedDB|performance|require)\b|(?<![.\w])fetch\s*\(|(?<![.\w])document\./;

describe('lib/crawl', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s touches no timer, clock, fetch, storage or global of its own', (file) => {
    expect(codeOf(readFileSync(new URL(file, DIR), 'utf8')).match(FORBIDDEN)?.[0]).toBeUndefined();
  });
});
