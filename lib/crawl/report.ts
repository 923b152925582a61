/**
 * One report address → its record: fetched politely; a failure becomes a `source.fetch` record; a
 * file (PDF, Word …) is read as an attachment of the page that linked it; a page is read, and when
 * it has no tables but names a report and links its file (the body is only 「附件：….pdf」), the file
 * is fetched and read instead, with `attachmentOf` the page and the page's 发布日期. The reading
 * itself is the environment's (`readers`): jsdom and pdf.js for Node on the command line, the
 * browser's own in an extension page.
 */
import { publishedAt } from '../detect/published';
import { pageLines } from '../prose/lines';
import type { ReportRecord } from '../record/schema';
import { attachmentLinks } from './attachment';
import { fetchFailureRecord } from './failure';
import type { Fetched } from './fetched';
import { answerKind } from './kind';
import type { GetOptions, Got } from './polite';
import { reportTitleYear } from './title';

/** What the page that linked an answer says of it. */
export interface Linked {
  /** The page that linked the file (a report page, or the listing). */
  attachmentOf?: string;
  /** The publication date the linking page shows. */
  publishedAt?: string;
}

export interface ReportReaders {
  /** An HTML answer → its record, and the document it was read from (to find its attachment); `close` frees it. */
  html(res: Fetched): Promise<{ record: ReportRecord; doc?: Document; close?: () => void }>;
  /** A file answer (PDF, DOCX; .doc/.wps/.ofd are recognised and said so) → its record. */
  file(res: Fetched, linked: Linked): Promise<ReportRecord>;
}

export interface ReportDeps {
  get: (url: string, opts?: GetOptions) => Promise<Got>;
  readers: ReportReaders;
  capturedAt: string;
}

/** A report to read: its address, with the title and the page it was listed under when known. */
export interface ReportTarget {
  url: string;
  title?: string;
  /** The listing that linked it. */
  from?: string;
}

const noTables = (r: ReportRecord) => Object.keys(r.tables).length === 0;

/** The page's attachment to read instead of the page: it has no tables, and it or its file names a report. */
function attachmentToRead(record: ReportRecord, doc: Document, pageUrl: string): string | null {
  if (!noTables(record)) return null;
  const files = attachmentLinks(doc, pageUrl);
  const titled = files.find((f) => f.titled);
  if (titled) return titled.url;
  const named = reportTitleYear(record.source.title) !== null || reportTitleYear(doc.title) !== null;
  return named ? (files[0]?.url ?? null) : null;
}

/** The record of `target`. Never throws but when the run is aborted. */
export async function readReport(target: ReportTarget, deps: ReportDeps): Promise<ReportRecord> {
  const { url } = target;
  const got = await deps.get(url);
  if (!got.ok) return fetchFailureRecord(url, deps.capturedAt, got.failure, target.title ? { title: target.title } : {});
  if (answerKind(got.response) !== 'html') return deps.readers.file(got.response, target.from ? { attachmentOf: target.from } : {});

  const { record, doc, close } = await deps.readers.html(got.response);
  try {
    const file = doc ? attachmentToRead(record, doc, got.response.finalUrl) : null;
    if (!file || !doc || file === url) return record;
    const date = record.source.publishedAt ?? publishedAt(doc, pageLines(doc.body ?? doc.documentElement, new Set()))?.at;
    const linked: Linked = { attachmentOf: url, ...(date ? { publishedAt: date } : {}) };
    const attached = await deps.get(file);
    if (!attached.ok) return fetchFailureRecord(file, deps.capturedAt, attached.failure, { attachmentOf: url, title: record.source.title });
    // The page linked something that is a page again (a download page): the report page's own record stands.
    if (answerKind(attached.response) === 'html') return record;
    return deps.readers.file(attached.response, linked);
  } finally {
    close?.();
  }
}
