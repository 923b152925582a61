/** The tables in long form as CSV (the command line's, rows and columns in the template's order), and the one CSV line writer the exports share. Pure. */
import { type ReportRecord, toCsv } from '@/lib';
import { CSV_HEADER, csvHeader, csvLines } from '@/lib/record/csv';

export { CSV_HEADER, csvHeader, csvLines };

/** One field, RFC 4180 quoting. */
function field(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (CRLF). */
export const csvLine = (row: readonly (string | number | null)[]): string => `${row.map(field).join(',')}\r\n`;

/** Long-form CSV with the UTF-8 byte-order mark, so Excel shows the Chinese labels. */
export function recordsCsv(records: readonly ReportRecord[]): string {
  return toCsv([...records], { bom: true });
}
