/**
 * PDF attachments on the command line: `nianbao check` over every PDF fixture, process start to
 * exit (pages a second, pdf.js loaded once per run). The browser's figure, a PDF opened cold in the
 * attachment page, is section 5 of `npm run bench`. `npx tsx bench/pdf.ts [--runs=N]`; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FILES = join(ROOT, 'tests/fixtures/attachments/files');
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const pagesOf = (file: string) => (readFileSync(file, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

const pdfs = readdirSync(FILES).filter((f) => f.endsWith('.pdf'));
const pages = pdfs.reduce((n, f) => n + pagesOf(join(FILES, f)), 0);
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const s = performance.now();
  execFileSync(process.execPath, [join(ROOT, 'bin/nianbao.mjs'), 'check', ...pdfs.map((f) => join(FILES, f))], {
    cwd: ROOT,
    maxBuffer: 256 << 20,
  });
  times.push(performance.now() - s);
}
const ms = median(times);
console.log(
  `nianbao check, ${pdfs.length} PDFs, ${pages} pages (median of ${RUNS}): ${ms.toFixed(0)} ms · ${((pages * 1000) / ms).toFixed(1)} pages/s`,
);
