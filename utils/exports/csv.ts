/** The tables in long form as CSV (the command line's, rows and columns in the template's order), and the CSV line writer of the other exports. Pure. */
import { type ReportRecord, toCsv } from '@/lib';
import { CSV_HEADER, csvField, csvHeader, csvLines } from '@/lib/output';

export { CSV_HEADER, csvHeader, csvLines };

/** One CSV line (CRLF), its text fields neutralised against formula injection by the engine's field writer. */
export const csvLine = (row: readonly (string | number | null)[]): string => `${row.map(csvField).join(',')}\r\n`;

/** Long-form CSV with the UTF-8 byte-order mark, so Excel shows the Chinese labels. */
export function recordsCsv(records: readonly ReportRecord[]): string {
  return toCsv([...records], { bom: true });
}
