/** The record's tables as CSV in long form (one row per cell, template order), with text neutralised for spreadsheets. */
import { labelOf, T2_COLUMNS, T2_ROWS, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS } from '../record/labels';
import { tablesInOrder } from '../record/order';
import type { ReportRecord, TableKey } from '../record/schema';

const TABLES: { key: TableKey; rows: Parameters<typeof labelOf>[0]; cols: Parameters<typeof labelOf>[0] }[] = [
  { key: 'activeDisclosure', rows: T2_ROWS, cols: T2_COLUMNS },
  { key: 'applications', rows: T3_ROWS, cols: T3_COLUMNS },
  { key: 'reviewLitigation', rows: T4_GROUPS, cols: T4_COLUMNS },
];

export const CSV_HEADER = ['agency', 'year', 'url', 'table', 'rowKey', 'rowLabel', 'columnKey', 'columnLabel', 'value', 'raw', 'kind'];

/**
 * Text a spreadsheet would run as a formula: it starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return (OWASP's list for CSV injection). Such a text field is written with a single quote before
 * it, and quoted, so Excel, LibreOffice and Google Sheets show it as text. Two kinds of text that
 * start so are left as they are, because a spreadsheet can only read them as what they say: a
 * signed number (a `raw` of "-8" or "+1,200", read as that number, as "8" is) and a lone "-" (the
 * usual placeholder). Numbers (`value`, `year`) are never touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const HARMLESS = /^(?:[+-]\d[\d,]*(?:\.\d+)?|-)$/;

/** One CSV field (RFC 4180 quoting), text neutralised as above. */
export function csvField(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  if (typeof v === 'string' && FORMULA_START.test(s) && !HARMLESS.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The tables in long form, one row per cell, for one or many records; rows and columns in the template's order. */
export function csvRows(records: ReportRecord[]): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const r of records) {
    const tables = tablesInOrder(r);
    for (const t of TABLES) {
      for (const [rowKey, cols] of Object.entries(tables[t.key] ?? {})) {
        for (const [colKey, cell] of Object.entries(cols)) {
          rows.push([
            r.report.agency ?? '',
            r.report.year ?? '',
            r.source.url,
            t.key,
            rowKey,
            labelOf(t.rows, rowKey),
            colKey,
            labelOf(t.cols, colKey),
            cell.value,
            cell.raw,
            cell.kind,
          ]);
        }
      }
    }
  }
  return rows;
}

const line = (row: (string | number | null)[]) => `${row.map(csvField).join(',')}\r\n`;

/** The header line of the CSV (RFC 4180, CRLF), with the UTF-8 byte-order mark when `bom` (so Excel shows Chinese). */
export function csvHeader({ bom = false } = {}): string {
  return `${bom ? '\ufeff' : ''}${line(CSV_HEADER)}`;
}

/** The CSV lines of some records, without the header: a batch is written record by record. */
export function csvLines(records: ReportRecord[]): string {
  return csvRows(records).map(line).join('');
}

/** CSV text (RFC 4180, CRLF). `bom` adds the UTF-8 byte-order mark so Excel shows Chinese. */
export function toCsv(records: ReportRecord[], { bom = false } = {}): string {
  return csvHeader({ bom }) + csvLines(records);
}
