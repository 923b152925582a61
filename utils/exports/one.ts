/** Exporting one record (the current page's, or a history entry): as JSON, its tables as CSV, or its findings (问题清单), with its verdicts. Pure. */
import type { ReportRecord } from '@/lib';
import { type Reviews, withReviews } from '@/utils/reviews/store';
import { recordsCsv } from './csv';
import { type ExportKind, exportType, recordExportName } from './files';
import { findingsCsv } from './findings';
import { recordJson } from './json';

export function recordExport(record: ReportRecord, kind: ExportKind, reviews: Reviews = {}): { name: string; blob: Blob } {
  const r = withReviews(record, reviews);
  const text = kind === 'json' ? recordJson(r) : kind === 'csv' ? recordsCsv([r]) : findingsCsv([r]);
  return { name: recordExportName(record, kind), blob: new Blob([text], { type: exportType(kind) }) };
}
