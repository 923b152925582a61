/**
 * Exporting the whole history (or any list of its records) as one file, built piece by piece: the
 * records are read a batch at a time, each batch written into a Blob of its own, and the file is a
 * Blob of those parts. No string ever holds more than one batch, so 5,000 records of 100 KB make a
 * 500 MB file without reaching what one V8 string may hold (~512 MB), and memory holds one batch.
 * Every record carries its report's verdicts (`review`). Usable from any extension page.
 */
import { browser } from 'wxt/browser';
import type { ReportRecord } from '@/lib';
import { csvHeader, csvLines } from '@/lib/output';
import { type Area, READ_BATCH } from '@/utils/history/area';
import { reportIdentity } from '@/utils/history/identity';
import { recordBatches } from '@/utils/history/store';
import { loadAllReviews } from '@/utils/reviews/all';
import { type Reviews, withReviews } from '@/utils/reviews/store';
import { type ExportKind, exportType, historyFileName } from './files';
import { findingsHeader, findingsLines } from './findings';
import { jsonArray } from './json';

export interface ExportProgress {
  /** Records asked for so far, of `total`. */
  done: number;
  total: number;
}

export interface Exported {
  blob: Blob;
  /** The file's name (not `fileName`: the bundle test takes that key for development JSX). */
  name: string;
  /** Records in the file. */
  count: number;
  /** Records asked for that were gone or unreadable (the unreadable are set aside, and the popup says so). */
  missing: number;
}

export interface ExportOptions {
  area?: Area;
  batch?: number;
  onProgress?: (p: ExportProgress) => void;
  now?: Date;
}

/** The record as exported: with its report's verdicts. */
export const withVerdicts = (record: ReportRecord, reviews: ReadonlyMap<string, Reviews>): ReportRecord =>
  withReviews(record, reviews.get(reportIdentity(record)) ?? {});

/** The stored records under `keys`, in that order, as one file of `kind`. */
export async function exportRecords(kind: ExportKind, keys: readonly string[], opts: ExportOptions = {}): Promise<Exported> {
  const area = opts.area ?? browser.storage.local;
  const reviews = await loadAllReviews(area);
  const parts: Blob[] = [];
  const piece = (text: string) => parts.push(new Blob([text]));
  piece(kind === 'json' ? jsonArray.open : kind === 'csv' ? csvHeader({ bom: true }) : findingsHeader({ bom: true }));
  let count = 0;
  let missing = 0;
  let done = 0;
  for await (const batch of recordBatches(keys, area, opts.batch ?? READ_BATCH)) {
    const records = batch.entries.map((e) => withVerdicts(e.record, reviews));
    if (kind === 'json') piece(records.map((r, i) => jsonArray.item(r, count + i === 0)).join(''));
    else piece(kind === 'csv' ? csvLines(records) : findingsLines(records));
    count += records.length;
    missing += batch.missing;
    done += batch.entries.length + batch.missing;
    opts.onProgress?.({ done, total: keys.length });
  }
  if (kind === 'json') piece(jsonArray.close(count === 0));
  return { blob: new Blob(parts, { type: exportType(kind) }), name: historyFileName(kind, opts.now), count, missing };
}

/** How an export of many records ended: the file was saved (with what was left out), or why it was not. */
export type ExportOutcome = { ok: true; name: string; count: number; missing: number } | { ok: false; error: string };

/**
 * Export and hand the file to `save` (a download); never rejects, so the page that asked can always
 * say what happened: a storage read that fails half-way, a Blob the browser refuses.
 */
export async function exportAndSave(
  kind: ExportKind,
  keys: readonly string[],
  save: (fileName: string, blob: Blob) => void,
  opts: ExportOptions = {},
): Promise<ExportOutcome> {
  try {
    const file = await exportRecords(kind, keys, opts);
    save(file.name, file.blob);
    return { ok: true, name: file.name, count: file.count, missing: file.missing };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message || e.name : String(e) };
  }
}
