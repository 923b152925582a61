/**
 * The record of something nothing was read from (a page that could not be fetched or parsed, a file
 * that would not open): its source, no tables, not a report, and the findings that say why.
 */
import type { Finding, ReportRecord } from './schema';

export function unreadRecord(source: ReportRecord['source'], findings: Finding[]): ReportRecord {
  return {
    schemaVersion: 1,
    source,
    report: { isReport: false, isTemplate: false, formatVersion: 'unknown' },
    tables: {},
    findings,
    derived: {},
  };
}
