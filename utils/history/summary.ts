/**
 * What the history stores, declared once: its keys, the summary of a record that the index keeps
 * (agency, year, title, address, date, counts), and the index itself. Pure: the popup's views and
 * search import it without the storage code.
 */
import { z } from 'zod';
import type { ReportRecord } from '@/lib';
import { countFindings } from '@/utils/findings';

/** `nianbao:report:<url>`: one plain `ReportRecord` per page address. */
export const RECORD_PREFIX = 'nianbao:report:';
/** `nianbao:aside:<url>` (or the index's key): what no longer validates, moved aside whole. */
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

/** What the list, the search and the counts of one history entry need, without the record. */
export const RecordSummary = z.object({
  key: z.string().startsWith(RECORD_PREFIX),
  url: z.string(),
  title: z.string(),
  agency: z.string().optional(),
  year: z.number().int().optional(),
  capturedAt: z.string(),
  counts: CountsSchema,
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

/** An entry that could not be read as a record, kept as it was found. */
export interface AsideEntry {
  key: string;
  /** The key it was stored under. */
  from: string;
  reason: string;
  at: string;
  value: unknown;
}

/** Every stored record, read in full (export, tests). */
export interface History {
  entries: HistoryEntry[];
  aside: AsideEntry[];
}

/** What the popup lists: the summaries, newest first, and what was set aside. */
export interface Listing {
  entries: RecordSummary[];
  aside: AsideEntry[];
}

export const recordKey = (record: ReportRecord): string => RECORD_PREFIX + record.source.url;

export function summarize(record: ReportRecord, key: string = recordKey(record)): RecordSummary {
  const c = countFindings(record.findings);
  return {
    key,
    url: record.source.url,
    title: record.source.title,
    ...(record.report.agency !== undefined ? { agency: record.report.agency } : {}),
    ...(record.report.year !== undefined ? { year: record.report.year } : {}),
    capturedAt: record.source.capturedAt,
    counts: { error: c.error, warning: c.warning, info: c.info, na: c.na, pass: c.pass },
  };
}

export const sortNewestFirst = <T extends { capturedAt: string }>(list: T[]): T[] =>
  list.sort((a, b) => b.capturedAt.localeCompare(a.capturedAt));
