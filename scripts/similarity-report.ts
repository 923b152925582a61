/**
 * Measures text.similarity on the fixture pages: what keeping last year's text costs a record under each
 * way of keeping it, the similarity matrix of four different bodies' 2023 reports (seeds 000–003), and
 * each seed against last year's report of its body. `npx tsx scripts/similarity-report.ts`
 */
import { readdirSync, readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { declaredCharset } from '../cli/load';
import { analyze } from '../lib/analyze';
import { KEPT_SECTIONS } from '../lib/prose/sectionText';
import type { ReportRecord } from '../lib/record/schema';
import { compare, K, type Prepared, prepare } from '../lib/text/similarity';

const PAGES = new URL('../tests/fixtures/pages/', import.meta.url);

function read(file: string, previous?: ReportRecord): ReportRecord {
  const bytes = readFileSync(new URL(file, PAGES));
  const html = new TextDecoder(declaredCharset(bytes)).decode(bytes);
  const doc = new JSDOM(html, { url: `http://www.example.gov.cn/${file}` }).window.document;
  return analyze(doc, { capturedAt: '2026-01-01T00:00:00.000Z', ...(previous ? { previous } : {}) }).record;
}

const text = (r: ReportRecord, n: number) => r.report.sections?.find((s) => s.index === n)?.text ?? '';
const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x), 'utf8');

function fnv(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function shingleHashes(p: Prepared): number[] {
  const out = new Set<number>();
  for (let i = 0; i + K <= p.chars.length; i++) out.add(fnv(p.chars.slice(i, i + K)));
  return [...out];
}

/** Winnowing (Schleimer et al.): the smallest hash of every window of W shingles. */
function winnow(p: Prepared, w = 4): number[] {
  const hs: number[] = [];
  for (let i = 0; i + K <= p.chars.length; i++) hs.push(fnv(p.chars.slice(i, i + K)));
  const out = new Set<number>();
  for (let i = 0; i + w <= hs.length; i++) out.add(Math.min(...hs.slice(i, i + w)));
  return [...out];
}

function minHash(p: Prepared, n = 128): number[] {
  const hs = shingleHashes(p);
  return Array.from({ length: n }, (_, k) => (hs.length ? Math.min(...hs.map((h) => fnv(String(h), k + 1))) : 0));
}

// ---------------------------------------------------------------- size per record

const files = readdirSync(PAGES).filter((f) => f.endsWith('.html'));
const records = files
  .map((f) => [f, read(f)] as const)
  .filter(([, r]) => r.report.isReport && !r.report.isTemplate && r.findings.length > 1);
const options: [string, (r: ReportRecord) => unknown][] = [
  ['sections 一五六 as written (kept)', (r) => KEPT_SECTIONS.map((n) => text(r, n))],
  ['the same, prepared (letters only, template out)', (r) => KEPT_SECTIONS.map((n) => prepare(text(r, n)).chars)],
  [`every ${K}-character shingle, 32-bit hashes`, (r) => KEPT_SECTIONS.map((n) => shingleHashes(prepare(text(r, n))))],
  [`winnowed shingles (window 4), 32-bit hashes`, (r) => KEPT_SECTIONS.map((n) => winnow(prepare(text(r, n))))],
  ['MinHash, 128 × 32-bit per section', (r) => KEPT_SECTIONS.map((n) => minHash(prepare(text(r, n))))],
];
const recordSizes = records.map(([, r]) => bytes(r));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`Size per record, ${records.length} report pages (record mean ${(mean(recordSizes) / 1024).toFixed(1)} KB):`);
for (const [name, keep] of options) {
  const sizes = records.map(([, r]) => bytes(keep(r)));
  const share = records.map(([, r], i) => (sizes[i] as number) / bytes(r));
  console.log(
    `  ${name.padEnd(50)} mean ${(mean(sizes) / 1024).toFixed(2)} KB · max ${(Math.max(...sizes) / 1024).toFixed(2)} KB · ${(mean(share) * 100).toFixed(1)} % of a record`,
  );
}

// ---------------------------------------------------------------- the matrix

const SEEDS = ['000', '001', '002', '003'];
const seeds = SEEDS.map((s) => read(`seed${s}-plain.html`));
const pct = (x: number) => `${(x * 100).toFixed(1)}`.padStart(6);
let worst = 0;
for (const n of KEPT_SECTIONS) {
  console.log(`\nSection ${n}: share of the row's text repeating the column's (%), K = ${K}`);
  console.log(`        ${SEEDS.map((s) => s.padStart(6)).join('')}`);
  seeds.forEach((a, i) => {
    const row = seeds.map((b, j) => {
      const c = compare(prepare(text(a, n)), prepare(text(b, n)));
      if (i !== j) worst = Math.max(worst, c.share);
      return i === j ? '     —' : pct(c.share);
    });
    console.log(`  ${SEEDS[i]}   ${row.join('')}`);
  });
}
let bare = 0;
for (const n of KEPT_SECTIONS) {
  for (const [i, a] of seeds.entries())
    for (const [j, b] of seeds.entries())
      if (i !== j) bare = Math.max(bare, compare(prepare(text(a, n), []), prepare(text(b, n), [])).share);
}
console.log(
  `\nDifferent bodies, same year: highest share ${pct(worst).trim()} % (warning above 50 %); ${pct(bare).trim()} % without taking the template's wording out.`,
);

// ---------------------------------------------------------------- last year's copy

for (const [now, before] of [
  ['seed000-plain.html', 'similar-copy-2022.html'],
  ['seed003-plain.html', 'similar-rewritten-2022.html'],
]) {
  const r = read(now as string, read(before as string));
  console.log(`\n${now} against ${before}:`);
  for (const f of r.findings.filter((x) => x.rule === 'text.similarity' || x.rule === 'content.problems')) {
    console.log(`  ${f.id.padEnd(28)} ${f.status.padEnd(4)} ${f.severity.padEnd(7)} ${f.actual ?? ''}`);
  }
}
