/** Records as JSON: one record as the command line prints it, and the pieces of an array of many, one record per line. Pure. */
import type { ReportRecord } from '@/lib';

export function recordJson(record: ReportRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Many records as one JSON array, the shape the command line prints. */
export function recordsJson(records: readonly ReportRecord[]): string {
  return `${JSON.stringify(records, null, 2)}\n`;
}

/**
 * A JSON array written piece by piece: `[`, then each record on a line of its own, then `]`. One
 * record a line keeps a 5,000-record file about half the size of the indented form and lets a
 * line-oriented tool read it a record at a time; it parses as the same array.
 */
export const jsonArray = {
  open: '[\n',
  item: (record: ReportRecord, first: boolean): string => `${first ? '' : ',\n'}${JSON.stringify(record)}`,
  close: (empty: boolean): string => (empty ? ']\n' : '\n]\n'),
};
