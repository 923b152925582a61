/**
 * PDF attachments on the command line: an 11-page report read and checked cold in a fresh Node
 * process (loading pdf.js included), the same file warm in one process (ms a page), and
 * `nianbao check` over every attachment fixture (pages a second, process start to exit).
 * `npx tsx bench/pdf.ts [--runs=N]`. Prints one table; asserts nothing (the machine is shared).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FILES = join(ROOT, 'tests/fixtures/attachments/files');
const REPORT = join(FILES, 'seed004-plain-a5.pdf');
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const pagesOf = (file: string) => (readFileSync(file, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

/** In a fresh process: when the module started (since the process did), pdf.js loaded, the file read and checked. */
async function child(file: string): Promise<void> {
  const started = performance.now();
  const { nodePdfjs } = await import('../cli/sources/pdf');
  const { analyzeAttachmentFile } = await import('../cli/sources/read');
  const t0 = performance.now();
  await nodePdfjs();
  const t1 = performance.now();
  const record = await analyzeAttachmentFile(file, new Date().toISOString());
  const t2 = performance.now();
  // Warm: the same file again, a few times, in this process.
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    await analyzeAttachmentFile(file, new Date().toISOString());
    warm.push(performance.now() - s);
  }
  const cells = Object.values(record.tables).reduce((n, t) => n + Object.values(t ?? {}).reduce((m, r) => m + Object.keys(r).length, 0), 0);
  process.stdout.write(JSON.stringify({ started, modules: t0 - started, pdfjs: t1 - t0, first: t2 - t1, warm: median(warm), cells }));
}

if (process.argv[2] === '--child') await child(process.argv[3] as string);
else {
  const pages = pagesOf(REPORT);
  const cold: { started: number; modules: number; pdfjs: number; first: number; warm: number; cells: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', REPORT], { cwd: ROOT });
    cold.push(JSON.parse(out.toString()));
  }
  const pdfs = readdirSync(FILES).filter((f) => f.endsWith('.pdf'));
  const allPages = pdfs.reduce((n, f) => n + pagesOf(join(FILES, f)), 0);
  const cli: number[] = [];
  for (let i = 0; i < Math.max(1, Math.ceil(RUNS / 2)); i++) {
    const s = performance.now();
    execFileSync(process.execPath, [join(ROOT, 'bin/nianbao.mjs'), 'check', ...pdfs.map((f) => join(FILES, f))], {
      cwd: ROOT,
      maxBuffer: 256 << 20,
    });
    cli.push(performance.now() - s);
  }
  const m = (k: keyof (typeof cold)[number]) => median(cold.map((c) => c[k]));
  const rows: [string, string, string][] = [
    [
      `cold: ${pages}-page report, node start → checked (median of ${RUNS} fresh processes)`,
      `${(m('started') + m('modules') + m('pdfjs') + m('first')).toFixed(0)} ms`,
      '< 2 s',
    ],
    [
      '  of which: node + tsx start / our modules / pdf.js load / first read and check',
      `${[m('started'), m('modules'), m('pdfjs'), m('first')].map((x) => x.toFixed(0)).join(' / ')} ms`,
      '',
    ],
    ['  first read and check, a page', `${(m('first') / pages).toFixed(0)} ms`, ''],
    ['warm: the same report again in the process, a page', `${(m('warm') / pages).toFixed(0)} ms`, '< 100 ms'],
    [
      `nianbao check, ${pdfs.length} PDFs, ${allPages} pages (median of ${cli.length})`,
      `${median(cli).toFixed(0)} ms · ${((allPages * 1000) / median(cli)).toFixed(1)} pages/s`,
      '',
    ],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padStart(22)}  ${c}`);
  console.log(
    `(cells read in the report: ${cold[0]?.cells}; per-run cold totals: ${cold.map((c) => (c.started + c.modules + c.pdfjs + c.first).toFixed(0)).join(', ')} ms)`,
  );
}
