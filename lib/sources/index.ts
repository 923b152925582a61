/**
 * A report attachment (PDF, DOCX; .doc/.wps/.ofd recognised) read into the same record as a web
 * page: the file becomes a document, and the document goes through `analyzeSteps`. The pdf.js and
 * mammoth modules and a DOMImplementation are passed in, set up for the environment (command line:
 * cli/sources/; the extension's attachment page: its own setup), so this stays pure.
 */
import { type Analysis, type AnalyzeOptions, analyzeSteps } from '../analyze';
import type { ReportRecord, SourceKind } from '../record/schema';
import { drain, type Steps } from '../steps';
import { type MammothApi, readDocx } from './docx';
import { fileKind } from './kind';
import { hasText, type PdfjsApi, type PdfjsSetup, pdfToDocument, readPdf } from './pdf';
import { type FileSource, scannedRecord, unreadableRecord, unsupportedRecord } from './records';

export { BOXED_TABLE, type CellBox, readBox } from '../grid/box';
export type { MammothApi } from './docx';
export { fileKind, REPORT_FILE } from './kind';
export type { PdfContent, PdfjsApi, PdfjsSetup } from './pdf';

export interface Readers {
  /** Makes the documents files are turned into (jsdom's, or the browser's `document.implementation`). */
  dom: DOMImplementation;
  pdfjs?: () => Promise<{ api: PdfjsApi; setup: PdfjsSetup }>;
  /** mammoth, and how its build takes the bytes (`{ buffer }` in Node, `{ arrayBuffer }` in a browser). */
  mammoth?: () => Promise<{ api: MammothApi; input: (bytes: Uint8Array) => object }>;
}

export interface AttachmentOptions extends Omit<AnalyzeOptions, 'kind' | 'url'> {
  url: string;
  /** The page that linked the file. */
  attachmentOf?: string;
}

/** The file as a document to analyse, or a finished record when nothing can be read from it. */
export async function attachmentDocument(
  bytes: Uint8Array,
  name: string,
  readers: Readers,
  source: FileSource,
): Promise<{ doc: Document; kind: SourceKind } | { record: ReportRecord }> {
  const kind = fileKind(name, bytes) ?? source.kind;
  const src = { ...source, kind };
  try {
    if (kind === 'pdf') {
      if (!readers.pdfjs) throw new Error('PDF reader not available');
      const { api, setup } = await readers.pdfjs();
      const content = await readPdf(api, bytes, setup);
      if (!hasText(content)) return { record: scannedRecord({ ...src, title: content.title ?? '' }, content.pages.length) };
      return { doc: pdfToDocument(content, readers.dom), kind };
    }
    if (kind === 'docx') {
      if (!readers.mammoth) throw new Error('Word reader not available');
      const { api, input } = await readers.mammoth();
      return { doc: await readDocx(api, input(bytes), readers.dom), kind };
    }
  } catch (e) {
    return { record: unreadableRecord(src, e instanceof Error ? e.message : String(e)) };
  }
  return { record: unsupportedRecord(src) };
}

/**
 * Read an attachment and check it: the same record (and cell map) an HTML page gives, with
 * `source.kind` saying what it was and, for a PDF, every cell's page and box. Never throws.
 */
export async function readAttachment(bytes: Uint8Array, name: string, readers: Readers, opts: AttachmentOptions): Promise<Analysis> {
  return drain(await attachmentSteps(bytes, name, readers, opts));
}

/** The analysis as steps (for a reader that runs them in slices), once the file is a document. */
export async function attachmentSteps(
  bytes: Uint8Array,
  name: string,
  readers: Readers,
  opts: AttachmentOptions,
): Promise<Steps<Analysis>> {
  const capturedAt = opts.capturedAt ?? new Date().toISOString();
  const source: FileSource = {
    url: opts.url,
    capturedAt,
    kind: fileKind(name) ?? 'pdf',
    ...(opts.attachmentOf ? { attachmentOf: opts.attachmentOf } : {}),
  };
  const read = await attachmentDocument(bytes, name, readers, source);
  if ('record' in read) return done({ record: read.record, elements: new Map(), tables: [], body: null });
  const { attachmentOf, ...rest } = opts;
  return withSource(analyzeSteps(read.doc, { ...rest, capturedAt, kind: read.kind }), attachmentOf);
}

/** A finished analysis as one step. */
function* done(a: Analysis): Steps<Analysis> {
  yield;
  return a;
}

function* withSource(steps: Steps<Analysis>, attachmentOf: string | undefined): Steps<Analysis> {
  const a = yield* steps;
  if (attachmentOf) a.record.source.attachmentOf = attachmentOf;
  return a;
}
