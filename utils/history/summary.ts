/**
 * What the history stores, declared once: its keys, the summary of a record that the index keeps
 * (agency, year, title, address, both dates, counts), the index itself, and what a listing gives the
 * views. Pure: the popup's views and search import it without the storage code.
 */
import { z } from 'zod';
import type { ReportRecord } from '@/lib';
import { countFindings } from '@/utils/findings';
import { canonicalUrl, foldAgency, reportIdentity } from './identity';

/**
 * `nianbao:report:<identity>`: one plain `ReportRecord` per report (identity.ts). Records saved
 * before identities stay under `nianbao:report:<url>` until their report is read again: moving
 * 5,000 records of 100 KB would rewrite ~500 MB (chrome.storage reads ~10 ms and writes ~9 ms a
 * record), so the index carries each record's identity instead, and a reading replaces its report's
 * entry wherever it is stored.
 */
export const RECORD_PREFIX = 'nianbao:report:';
/** `nianbao:aside:<…>` (or the index's key): what could not be kept as a record, kept whole beside the history. */
export const ASIDE_PREFIX = 'nianbao:aside:';
/** `nianbao:index`: one summary per stored record, written in the same `set` as the record. */
export const INDEX_KEY = 'nianbao:index';
export const INDEX_VERSION = 1 as const;

const CountsSchema = z.object({
  error: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
  na: z.number().int().nonnegative(),
  pass: z.number().int().nonnegative(),
});

/**
 * The figures the workbench's table shows of a report (表三's 新收, 办结 and 结转下年 at 总计, and the
 * derived rates of rules.md), kept in the summary so 5,000 rows need no record read.
 */
export const FIGURE_KEYS = [
  'newReceived',
  'totalProcessed',
  'carriedForward',
  'disclosureRate',
  'withheldRate',
  'reviewCorrectionRate',
  'disputeRate',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
const FiguresSchema = z.object(
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, z.number().optional()])) as Record<FigureKey, z.ZodOptional<z.ZodNumber>>,
);
export type Figures = z.infer<typeof FiguresSchema>;

/**
 * The figures as the index keeps them: in FIGURE_KEYS order, null where the report has none, the
 * trailing nulls dropped (~30 bytes a summary instead of ~150 with names: the index is read whole).
 */
export function packFigures(f: Figures): (number | null)[] {
  const out = FIGURE_KEYS.map((k) => f[k] ?? null);
  while (out.length && out[out.length - 1] === null) out.pop();
  return out;
}

/** A summary's figures by name (none for a summary written before they were kept). */
export function summaryFigures(s: Pick<RecordSummary, 'figures'>): Figures {
  const out: Figures = {};
  s.figures?.forEach((v, i) => {
    const k = FIGURE_KEYS[i];
    if (k && typeof v === 'number') out[k] = v;
  });
  return out;
}

/** The figures of `record` that it has. */
export function figuresOf(record: ReportRecord): Figures {
  const out: Figures = {};
  const t3 = record.tables.applications;
  for (const row of ['newReceived', 'totalProcessed', 'carriedForward'] as const) {
    const v = t3?.[row]?.total?.value;
    if (typeof v === 'number') out[row] = v;
  }
  for (const k of ['disclosureRate', 'withheldRate', 'reviewCorrectionRate', 'disputeRate'] as const) {
    const v = record.derived[k];
    if (typeof v === 'number') out[k] = v;
  }
  return out;
}

/** What the list, the search and the counts of one history entry need, without the record. */
export const RecordSummary = z.object({
  key: z.string().startsWith(RECORD_PREFIX),
  url: z.string(),
  title: z.string(),
  agency: z.string().optional(),
  year: z.number().int().optional(),
  /** When it was read. */
  capturedAt: z.string(),
  /** When the report was published, as the page says (`source.publishedAt`). */
  publishedAt: z.string().optional(),
  counts: CountsSchema,
  /** The report's identity (identity.ts); summaries written before it was kept get it from the repair. */
  identity: z.string().optional(),
  /** The workbench's figures, packed (packFigures); summaries written before them have none until their report is read again. */
  figures: z.array(z.number().nullable()).max(FIGURE_KEYS.length).optional(),
  /** What the record was read from (`source.kind`) when not a page: a PDF or Word file opens in the attachment page. */
  kind: z.string().optional(),
  /** The page that linked the file, for a record read from one. */
  attachmentOf: z.string().optional(),
});
export type RecordSummary = z.infer<typeof RecordSummary>;

export const HistoryIndex = z
  .object({ version: z.literal(INDEX_VERSION), entries: z.array(RecordSummary) })
  .refine((i) => new Set(i.entries.map((e) => e.key)).size === i.entries.length, { message: 'duplicate keys' });
export type HistoryIndex = z.infer<typeof HistoryIndex>;

export interface HistoryEntry {
  key: string;
  record: ReportRecord;
}

/**
 * Why an entry was set aside: `unreadable` (a stored value that no longer validates, or the index),
 * `partial` (a record saved without the parts that did not validate; this is the whole of it),
 * `unsaved` (a record that could not be saved at all), `superseded` (an earlier reading of a report
 * the history now keeps once).
 */
export type AsideKind = 'unreadable' | 'partial' | 'unsaved' | 'superseded';

/** An entry that could not be kept as a record, kept as it was found. */
export interface AsideEntry {
  key: string;
  /** The key it was stored under (or would have been). */
  from: string;
  kind: AsideKind;
  /** What was wrong, in the schema's words (or what was left out). */
  reason: string;
  at: string;
  value: unknown;
}

/** Every stored record, read in full (tests). */
export interface History {
  entries: HistoryEntry[];
  aside: AsideEntry[];
}

/** A stored record the index does not describe yet: what its key alone tells (repair.ts reads it later). */
export interface PendingEntry {
  key: string;
  url?: string;
  agency?: string;
  year?: number;
}

/** Verdicts kept for one report, counted (utils/reviews). */
export interface ReviewTally {
  confirmed: number;
  dismissed: number;
}

/** What the popup lists: the summaries newest first, the records not summarised yet, what was set aside, and the verdicts by report. */
export interface Listing {
  entries: RecordSummary[];
  pending: PendingEntry[];
  aside: AsideEntry[];
  /** By report identity (identityOfKey). */
  reviews: Record<string, ReviewTally>;
}

export const emptyListing = (): Listing => ({ entries: [], pending: [], aside: [], reviews: {} });

/** The key a record is saved under: its report's identity, so the same report at another address is one entry. */
export const recordKey = (record: ReportRecord): string => RECORD_PREFIX + reportIdentity(record);

/** The report identity a key of this version stands for (an old `nianbao:report:<url>` key gives its address's). */
export const identityOfKey = (key: string): string => {
  const id = key.slice(RECORD_PREFIX.length);
  return /^(?:report|url):/.test(id) ? id : `url:${canonicalUrl(id)}`;
};

/**
 * The identity of the report a summary describes: kept in it, else (a summary from before) worked
 * out as reportIdentity does, from the body and year, else the address. History records are reports.
 */
export function summaryIdentity(s: Pick<RecordSummary, 'identity' | 'agency' | 'year' | 'url'>): string {
  if (s.identity) return s.identity;
  if (s.agency && s.year !== undefined) return `report:${foldAgency(s.agency)}|${s.year}`;
  return `url:${canonicalUrl(s.url)}`;
}

/** What a key alone says of its record: the address (old keys, `url:` identities) or the body and year. */
export function pendingOf(key: string): PendingEntry {
  const id = key.slice(RECORD_PREFIX.length);
  if (id.startsWith('url:')) return { key, url: id.slice(4) };
  const m = /^report:(.*)\|(\d{4})$/.exec(id);
  if (m) return { key, agency: m[1] as string, year: Number(m[2]) };
  return { key, url: id };
}

export function summarize(record: ReportRecord, key: string = recordKey(record)): RecordSummary {
  const c = countFindings(record.findings);
  return {
    key,
    url: record.source.url,
    title: record.source.title,
    ...(record.report.agency !== undefined ? { agency: record.report.agency } : {}),
    ...(record.report.year !== undefined ? { year: record.report.year } : {}),
    capturedAt: record.source.capturedAt,
    ...(record.source.publishedAt !== undefined ? { publishedAt: record.source.publishedAt } : {}),
    counts: { error: c.error, warning: c.warning, info: c.info, na: c.na, pass: c.pass },
    identity: reportIdentity(record),
    figures: packFigures(figuresOf(record)),
    ...(record.source.kind !== 'html' ? { kind: record.source.kind } : {}),
    ...(record.source.attachmentOf ? { attachmentOf: record.source.attachmentOf } : {}),
  };
}

export const sortNewestFirst = <T extends { capturedAt: string }>(list: T[]): T[] =>
  list.sort((a, b) => b.capturedAt.localeCompare(a.capturedAt));
