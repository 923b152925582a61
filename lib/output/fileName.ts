/** The file name an exported record is saved under. */
import type { ReportRecord } from '../record/schema';

/** `<agency>-<year>-年报核查.json` (record.md); `nianbao-report-<year|unknown>.json` when the agency is unknown. */
export function recordFileName(record: ReportRecord, ext = 'json'): string {
  const { agency, year } = record.report;
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
  if (agency) return `${safe(agency)}-${year ?? '年度不明'}-年报核查.${ext}`;
  return `nianbao-report-${year ?? 'unknown'}.${ext}`;
}
