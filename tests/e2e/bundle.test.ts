/**
 * What the built extension weighs where it counts: the code every gov.cn frame gets (the first
 * look, or the loader where the page's world is not available), the reader that report frames get,
 * and the popup, each gzipped (-9, file by file, as a store serves them) under a stated bound; and
 * the reader carries nothing of a PDF or Word reader (pdf.js, mammoth, a zip reader), which belong
 * in a bundle of their own when they come. Deterministic, unlike the bench: the build is the same
 * on every machine.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from '../harness/build';

const dir = inject('extensionDir');
const KB = 1024;

const gzipped = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).length;
const gzippedFiles = (files: string[]): number => files.reduce((n, f) => n + gzipped(readFileSync(join(dir, f))), 0);

/** An extension page's scripts and styles, and every module they import, as paths in the build. */
function pageAssets(html: string): string[] {
  const found = new Set<string>();
  const from = (file: string, ref: string) => (ref.startsWith('/') ? ref.slice(1) : relative(dir, join(dir, dirname(file), ref)));
  const queue = [...readFileSync(join(dir, html), 'utf8').matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) =>
    from(html, m[1] as string),
  );
  for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
    if (found.has(f)) continue;
    found.add(f);
    if (f.endsWith('.js'))
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/(?:\bimport\s*\(?|\bfrom)\s*["']([^"']+\.js)["']/g))
        queue.push(from(f, m[1] as string));
  }
  return [...found].sort();
}

describe('the build', () => {
  it('first look, run in every frame of a gov.cn tab: under 1 KB', async () => {
    // The background serialises utils/look.ts's function into the page; minified here as the build minifies.
    const out = await build({
      entryPoints: [join(ROOT, 'utils', 'look.ts')],
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      target: 'es2022',
    });
    const size = gzipped(out.outputFiles[0]?.contents ?? new Uint8Array());
    expect(size).toBeGreaterThan(100);
    expect(size).toBeLessThanOrEqual(1 * KB);
  });

  it('the loader (its fallback where the page world is missing): under 2 KB', () => {
    expect(gzippedFiles(['loader.js'])).toBeLessThanOrEqual(2 * KB);
  });

  it('is a production build: no development JSX and no path of the machine that built it', () => {
    const scripts = ['content-scripts/reader.js', ...pageAssets('popup.html').filter((f) => f.endsWith('.js'))];
    for (const f of scripts) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text.includes('fileName:'), f).toBe(false);
      expect(text.includes(ROOT), f).toBe(false);
    }
  });

  // The reader carries every rule and both interface languages: 96 KB on 2 December 2026 (gzip moves
  // by tens of bytes when only the order of its modules changes). The bound is there to catch a
  // library slipping in, not to ration rules; what a reader feels, time to panel cold, is the bench's.
  it('the reader, script and stylesheet: under 104 KB', () => {
    expect(gzippedFiles(['content-scripts/reader.js', 'content-scripts/reader.css'])).toBeLessThanOrEqual(104 * KB);
  });

  // The popup validates what it reads from storage with the record's Zod schema (~45 KB of it, JSON
  // Schema support included, which Zod 4 does not split off) and renders findings in both languages
  // (the renderer and both locales, ~15 KB): 87 KB on 2 December 2026. A page of the extension, read
  // from disk: the bound catches a library slipping in.
  it('the popup, every script and stylesheet it loads: under 96 KB', () => {
    const assets = pageAssets('popup.html');
    expect(assets.some((f) => f.endsWith('.js'))).toBe(true);
    expect(gzippedFiles(assets)).toBeLessThanOrEqual(96 * KB);
  });

  it('the reader holds nothing of pdf.js, mammoth or a zip reader', () => {
    const reader = readFileSync(join(dir, 'content-scripts', 'reader.js'), 'utf8');
    expect(reader.length).toBeGreaterThan(10 * KB);
    expect(
      reader.match(/pdfjs|GlobalWorkerOptions|PDFDocumentProxy|%PDF-|mammoth|convertToHtml|word\/document\.xml|jszip/gi) ?? [],
    ).toEqual([]);
  });
});
