import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Size {
  files: string[];
  raw: number;
  gzip: number;
}

/** Raw and gzipped bytes of some files (each gzipped alone, as a server or store would serve them). */
export async function sizeOf(root: string, files: string[]): Promise<Size> {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = await readFile(join(root, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

const IMPORT = /(?:\bimport\s*\(?|\bfrom)\s*["']([^"']+\.js)["']/g;

/** An HTML page's scripts and styles, and every module they import, as paths under `root`. */
export async function pageAssets(root: string, html: string): Promise<string[]> {
  const text = await readFile(join(root, html), 'utf8');
  const found = new Set<string>();
  const resolveFrom = (from: string, ref: string) => (ref.startsWith('/') ? ref.slice(1) : relative(root, join(root, dirname(from), ref)));
  const queue: string[] = [];
  for (const m of text.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\bhref)=["']([^"']+\.(?:js|css))["']/g))
    queue.push(resolveFrom(html, m[1] as string));
  while (queue.length) {
    const f = queue.shift() as string;
    if (found.has(f)) continue;
    found.add(f);
    if (!f.endsWith('.js')) continue;
    const js = await readFile(join(root, f), 'utf8').catch(() => '');
    for (const m of js.matchAll(IMPORT)) queue.push(resolveFrom(f, m[1] as string));
  }
  return [...found].sort();
}
