/** The names of exported files, one scheme wherever the export comes from (the current page, a history entry, the whole history). Pure. */
import { type ReportRecord, recordFileName } from '@/lib';

/** What an export holds: the record(s) as JSON, the tables in long form, or the findings (问题清单). */
export type ExportKind = 'json' | 'csv' | 'findings';

const FINDINGS_SUFFIX = { zh: '-问题清单', ascii: '-findings' };

/** `<机关>-<年度>-年报核查.json` / `.csv`, and `<机关>-<年度>-年报核查-问题清单.csv` (ASCII-safe when the agency is unknown). */
export function recordExportName(record: ReportRecord, kind: ExportKind): string {
  if (kind === 'json') return recordFileName(record);
  const csv = recordFileName(record, 'csv');
  if (kind === 'csv') return csv;
  const suffix = record.report.agency ? FINDINGS_SUFFIX.zh : FINDINGS_SUFFIX.ascii;
  return csv.replace(/\.csv$/, `${suffix}.csv`);
}

export const jsonFileName = (record: ReportRecord): string => recordExportName(record, 'json');
export const csvFileName = (record: ReportRecord): string => recordExportName(record, 'csv');
export const findingsFileName = (record: ReportRecord): string => recordExportName(record, 'findings');

/** `年报核查-历史-2024-03-01.json` / `.csv` / `-问题清单.csv` for an export of many records (the local date). */
export function historyFileName(kind: ExportKind, now = new Date()): string {
  return `年报核查-历史-${localDay(now)}${kind === 'findings' ? FINDINGS_SUFFIX.zh : ''}.${kind === 'json' ? 'json' : 'csv'}`;
}

/** `年报核查-工作台-2024-03-01.csv`: the workbench's table (the local date). */
export const workbenchTableFileName = (now = new Date()): string => `年报核查-工作台-${localDay(now)}.csv`;

/** `2024-03-01`, the local date of `now`. */
function localDay(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The MIME type of each kind (CSV says UTF-8: its byte-order mark is there for Excel). */
export const exportType = (kind: ExportKind): string => (kind === 'json' ? 'application/json' : 'text/csv;charset=utf-8');
