/**
 * The workbench's table, pure: one row per report — of the run under way (its items, with the
 * summaries of those kept) or of the whole history (its summaries) — sorted, filtered, and written
 * out as CSV with the byte-order mark (Excel shows the Chinese) and every text field neutralised
 * against formulas. Filtering and sorting 5,000 rows is a few milliseconds.
 */
import type { Finding } from '@/lib';
import { csvLine } from '@/utils/exports/csv';
import { hasWords, queryWords } from '@/utils/history/search';
import { FIGURE_KEYS, type FigureKey, type Figures, type RecordSummary, summaryFigures } from '@/utils/history/summary';
import type { ItemState, RunState } from './state';

export interface Row {
  /** Stable across redraws: the history key, else the address. */
  id: string;
  url: string;
  title: string;
  agency?: string;
  year?: number;
  /** In history under this key (absent: not kept, e.g. a failed fetch). */
  key?: string;
  /** The run's fate of it; a history row is `done`. */
  state: ItemState;
  why?: string;
  /** The finding that says why (to say it in the interface's language). */
  finding?: Finding;
  errors?: number;
  warnings?: number;
  na?: number;
  figures: Figures;
  publishedAt?: string;
  capturedAt?: string;
  /** What it was read from (`pdf`, `docx`: it opens in the attachment page), and the page that linked it. */
  kind?: string;
  attachmentOf?: string;
}

export const SORT_KEYS = ['agency', 'year', 'errors', 'warnings', 'na', ...FIGURE_KEYS, 'publishedAt', 'state'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  desc: boolean;
}

function fromSummary(s: RecordSummary): Omit<Row, 'id' | 'state'> {
  return {
    url: s.url,
    title: s.title,
    ...(s.agency !== undefined ? { agency: s.agency } : {}),
    ...(s.year !== undefined ? { year: s.year } : {}),
    key: s.key,
    errors: s.counts.error,
    warnings: s.counts.warning,
    na: s.counts.na,
    figures: summaryFigures(s),
    ...(s.publishedAt ? { publishedAt: s.publishedAt } : {}),
    capturedAt: s.capturedAt,
    ...(s.kind ? { kind: s.kind } : {}),
    ...(s.attachmentOf ? { attachmentOf: s.attachmentOf } : {}),
  };
}

/** The run's rows in listing order; a kept report shows its summary. */
export function runRows(run: RunState | null, byKey: ReadonlyMap<string, RecordSummary>): Row[] {
  if (!run) return [];
  return run.items.map((i) => {
    const s = i.key ? byKey.get(i.key) : undefined;
    const base: Row = {
      id: i.url,
      url: i.url,
      title: i.title,
      ...(i.year !== undefined ? { year: i.year } : {}),
      state: i.state,
      ...(i.why ? { why: i.why } : {}),
      ...(i.finding ? { finding: i.finding } : {}),
      figures: {},
    };
    return s ? { ...base, ...fromSummary(s), url: i.url, title: i.title || s.title, id: i.url } : base;
  });
}

export const historyRows = (entries: readonly RecordSummary[]): Row[] =>
  entries.map((s) => ({ id: s.key, state: 'done' as const, ...fromSummary(s) }));

export interface Filter {
  /** Words all found in the agency, title or address. */
  query: string;
  year?: number;
  /** Only rows with errors / failed rows. */
  only?: 'errors' | 'failed';
}

export function filterRows(rows: readonly Row[], f: Filter): Row[] {
  const words = queryWords(f.query);
  return rows.filter((r) => {
    if (f.year !== undefined && r.year !== f.year) return false;
    if (f.only === 'errors' && !(r.errors && r.errors > 0)) return false;
    if (f.only === 'failed' && r.state !== 'failed') return false;
    return hasWords(`${r.agency ?? ''} ${r.title} ${r.url}`, words);
  });
}

const isFigure = (k: SortKey): k is FigureKey => (FIGURE_KEYS as readonly string[]).includes(k);
export const sortValue = (r: Row, k: SortKey): string | number | undefined =>
  isFigure(k) ? r.figures[k] : k === 'agency' ? (r.agency ?? r.title) : r[k];

const collator = new Intl.Collator('zh-CN');

/** Sorted by `sort` (rows without the value last, whichever way); ties keep their order. */
export function sortRows(rows: readonly Row[], sort: Sort): Row[] {
  const dir = sort.desc ? -1 : 1;
  return rows
    .map((r, i) => ({ r, i, v: sortValue(r, sort.key) }))
    .sort((a, b) => {
      if (a.v === undefined || b.v === undefined) return a.v === b.v ? a.i - b.i : a.v === undefined ? 1 : -1;
      const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
      return c === 0 ? a.i - b.i : c * dir;
    })
    .map((x) => x.r);
}

/** The years rows name, newest first. */
export const rowYears = (rows: readonly Row[]): number[] =>
  [...new Set(rows.flatMap((r) => (r.year === undefined ? [] : [r.year])))].sort((a, b) => b - a);

/** Columns of the CSV: Chinese names, as the tables and the command line's CSV say them. */
export const TABLE_CSV_HEADER = [
  '发布机关',
  '年度',
  '标题',
  '状态',
  '错误',
  '警告',
  '无法核查',
  '本年新收',
  '办结总计',
  '结转下年度',
  '公开率',
  '不予公开率',
  '复议纠错率',
  '争议转化率',
  '发布日期',
  '核查时间',
  '链接',
  '说明',
] as const;

const STATE_WORDS: Record<ItemState, string> = { pending: '待核查', done: '已核查', skipped: '非年报', failed: '未能获取' };

/** The table as CSV: BOM, CRLF, rates as fractions (0.8125), as `derived` has them. */
export function tableCsv(rows: readonly Row[]): string {
  const f = (r: Row, k: FigureKey) => r.figures[k] ?? null;
  return `\ufeff${csvLine([...TABLE_CSV_HEADER])}${rows
    .map((r) =>
      csvLine([
        r.agency ?? '',
        r.year ?? null,
        r.title,
        STATE_WORDS[r.state],
        r.errors ?? null,
        r.warnings ?? null,
        r.na ?? null,
        f(r, 'newReceived'),
        f(r, 'totalProcessed'),
        f(r, 'carriedForward'),
        f(r, 'disclosureRate'),
        f(r, 'withheldRate'),
        f(r, 'reviewCorrectionRate'),
        f(r, 'disputeRate'),
        r.publishedAt ?? '',
        r.capturedAt ?? '',
        r.url,
        r.why ?? '',
      ]),
    )
    .join('')}`;
}
