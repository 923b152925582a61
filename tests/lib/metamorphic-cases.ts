/** The metamorphic cases (tests/lib/metamorphic.test.ts): fixture report pages, their readings, and a page re-shaped by a seed. */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import OpenCC from 'opencc-js';
import { declaredCharset } from '../../cli/load';
import { type Analysis, analyze } from '../../lib/analyze';
import { buildGrid } from '../../lib/grid/grid';
import type { Cell, ReportRecord, TableKey } from '../../lib/record/schema';
import { CAPTURED, FIXTURES } from './helpers';
import { convertText, markLabels, mergeTables, pick, restyleFigures, rng, splitTable, wrapInLayout } from './reshape';

interface Entry {
  file: string;
  isReport: boolean;
  isTemplate: boolean;
  expected?: string;
  loads?: unknown;
}

const manifest = JSON.parse(readFileSync(new URL('manifest.json', FIXTURES), 'utf8')) as Entry[];
/** Every fixture report page whose tables are HTML tables in the page as served. */
export const REPORTS = manifest.filter((e) => e.isReport && !e.isTemplate && e.expected && !e.loads).map((e) => e.file);

const html = new Map<string, string>();
function source(file: string): string {
  let s = html.get(file);
  if (s === undefined) {
    const bytes = readFileSync(new URL(file, FIXTURES));
    s = new TextDecoder(declaredCharset(bytes)).decode(bytes);
    html.set(file, s);
  }
  return s;
}

export const opened: { close(): void }[] = [];
function parse(file: string): Document {
  const { window } = new JSDOM(source(file), { url: `http://www.example.gov.cn/${file}` });
  opened.push(window);
  return window.document;
}

const originals = new Map<string, Analysis>();
/** The page order numbers of the `<table>`s each original reading used (its window is closed after a case). */
const usedTables = new Map<string, number[]>();
export function original(file: string): Analysis {
  let a = originals.get(file);
  if (!a) {
    const doc = parse(file);
    a = analyze(doc, { capturedAt: CAPTURED });
    const all: Element[] = Array.from(doc.getElementsByTagName('table'));
    usedTables.set(
      file,
      a.tables.map((t) => all.indexOf(t)),
    );
    originals.set(file, a);
  }
  return a;
}

/** What must not change: each cell's value and kind, and the arithmetic findings' statuses. */
export function reading(record: ReportRecord) {
  const tables: Record<string, Record<string, Record<string, [number | null, string]>>> = {};
  for (const [t, rows] of Object.entries(record.tables)) {
    const out: Record<string, Record<string, [number | null, string]>> = {};
    for (const [row, cols] of Object.entries(rows ?? {}))
      out[row] = Object.fromEntries(Object.entries(cols).map(([c, cell]) => [c, [cell.value, cell.kind]]));
    tables[t] = out;
  }
  const arithmetic = record.findings
    .filter((f) => /^t[34]\./.test(f.rule))
    .map((f) => `${f.id} ${f.status}`)
    .sort();
  return { isReport: record.report.isReport, tables, arithmetic };
}

const CONVERT = (['t', 'tw', 'hk'] as const).map((to) => [`s2${to}`, OpenCC.Converter({ from: 'cn', to })] as const);
const CAPTION: Partial<Record<TableKey, string>> = {
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
};

/** Re-shape a fresh copy of a fixture page; returns it and what was done, for the failure message. */
export function reshaped(file: string, seed: number): { doc: Document; ops: string[] } {
  const r = rng(seed);
  const before = original(file).record;
  const doc = parse(file);
  const all: Element[] = Array.from(doc.getElementsByTagName('table'));
  // The value cells and the tables they are in, found by the original reading's pointers.
  const values = new Set<Element>();
  const kinds = new Map<Element, Set<TableKey>>();
  const cells: [TableKey, Cell][] = Object.entries(before.tables).flatMap(([t, rows]) =>
    Object.values(rows ?? {}).flatMap((cols) => Object.values(cols).map((c) => [t as TableKey, c] as [TableKey, Cell])),
  );
  for (const e of before.extras ?? []) for (const c of Object.values(e.cells)) cells.push([e.table, c]);
  const grids = new Map<number, ReturnType<typeof buildGrid>>();
  for (const [t, c] of cells) {
    if (!c.at) continue;
    const table = all[c.at.table] as Element;
    const grid = grids.get(c.at.table) ?? buildGrid(table);
    grids.set(c.at.table, grid);
    const el = grid.slots[c.at.row]?.[c.at.col]?.el;
    if (el) values.add(el);
    const set = kinds.get(table) ?? new Set();
    set.add(t);
    kinds.set(table, set);
  }
  // Tables the reading used without a value cell in them (表三's or 表四's header alone before a
  // page break) are parts too, of the table whose values follow: else a merge would join the parts
  // around one and move data rows above their header.
  const used = new Set((usedTables.get(file) ?? []).map((i) => all[i]));
  let next: Set<TableKey> | undefined;
  for (const t of [...all].reverse()) {
    const k = kinds.get(t);
    if (k) next = k;
    else if (used.has(t) && next) kinds.set(t, new Set(next));
  }
  const tables = all.filter((t) => kinds.has(t));
  const ops: string[] = [];

  for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
    const op = pick(r, ['split', 'split', 'merge', 'wrap'] as const);
    if (op === 'split') {
      const t = pick(r, tables);
      const grid = buildGrid(t);
      if (grid.slots.length < 2) continue;
      const k = 1 + Math.floor(r() * (grid.slots.length - 1));
      // The header: the rows above the first value cell, repeated as Word repeats a table's heading
      // rows; not for 表二 (each block has its own) or a table holding two (whose heading is the first's).
      const h = grid.slots.findIndex((row) => row.some((c) => c && values.has(c.el)));
      const one = kinds.get(t)?.size === 1 && !kinds.get(t)?.has('activeDisclosure');
      const repeat = one && h > 0 && k >= h && r() < 0.5 ? h : 0;
      const continuation = pick(r, ['blank', 'repeat'] as const);
      const xu = pick(r, ['none', 'row', 'paragraph'] as const);
      const part = splitTable(t, k, { repeatHeader: repeat, continuation, xu });
      if (!part) continue;
      tables.splice(tables.indexOf(t) + 1, 0, part);
      kinds.set(part, new Set(kinds.get(t)));
      ops.push(`split table ${tables.indexOf(t)} before row ${k} (header ${repeat}, ${continuation}, 续表 ${xu})`);
    } else if (op === 'merge') {
      if (tables.length < 2) continue;
      const i = Math.floor(r() * (tables.length - 1));
      const [a, b] = [tables[i] as Element, tables[i + 1] as Element];
      const ka = kinds.get(a) ?? new Set<TableKey>();
      const kb = kinds.get(b) ?? new Set<TableKey>();
      // A caption only where `b` begins a table `a` has none of (not before a part of `a`'s last table).
      const first = [...kb][0];
      const starts = first && !ka.has(first) ? first : undefined;
      const caption = starts && r() < 0.6 ? CAPTION[starts] : undefined;
      mergeTables(a, b, caption);
      tables.splice(i + 1, 1);
      kinds.set(a, new Set([...ka, ...kb]));
      ops.push(`merge tables ${i} and ${i + 1}${caption ? ` under 「${caption}」` : ''}`);
    } else {
      const i = Math.floor(r() * tables.length);
      wrapInLayout(tables[i] as Element);
      ops.push(`wrap table ${i} in a layout table`);
    }
  }
  if (r() < 0.5) {
    const [name, convert] = pick(r, CONVERT);
    convertText(doc, convert);
    ops.push(`OpenCC ${name}`);
  }
  if (r() < 0.6) {
    markLabels(
      tables.flatMap((t) => Array.from(t.querySelectorAll('td, th'))),
      values,
      r,
    );
    ops.push('units, marks and spaces in labels');
  }
  if (r() < 0.6) {
    restyleFigures(values, r);
    ops.push('full-width digits and separators in figures');
  }
  return { doc, ops };
}
