/**
 * One attachment file (PDF, DOCX; .doc/.wps/.ofd) → its record on the command line: the bytes, a
 * jsdom to build the document in, and pdf.js / mammoth set up for Node, handed to lib/sources.
 */
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';
import type { ReportRecord } from '../../lib';
import { readAttachment } from '../../lib/sources';
import { MAX_FILE_BYTES } from '../limits';
import { readBounded } from '../read';
import { nodeMammoth } from './docx';
import { nodePdfjs } from './pdf';

/** Files read by this module rather than as saved pages. */
export const ATTACHMENT_FILE = /\.(?:pdf|docx|doc|wps|ofd)$/i;

/** Read and check an attachment. Rejects (with a `PageProblem`) only when the file cannot be read from disk or is too large. */
export async function analyzeAttachmentFile(
  file: string,
  capturedAt: string,
  previous?: ReportRecord,
  /** What the page that linked the file says of it (its address, its 发布日期). */
  linkedFrom: { attachmentOf?: string; publishedAt?: string } = {},
): Promise<ReportRecord> {
  const bytes = new Uint8Array(await readBounded(file, MAX_FILE_BYTES));
  return analyzeAttachmentBytes(bytes, file, pathToFileURL(file).href, capturedAt, previous, linkedFrom);
}

/** Read and check an attachment's bytes (a file's, or a fetched answer's), named `name`, found at `url`. Never throws. */
export async function analyzeAttachmentBytes(
  bytes: Uint8Array,
  name: string,
  url: string,
  capturedAt: string,
  previous?: ReportRecord,
  linkedFrom: { attachmentOf?: string; publishedAt?: string } = {},
): Promise<ReportRecord> {
  const { window } = new JSDOM('');
  try {
    const analysis = await readAttachment(
      bytes,
      name,
      { dom: window.document.implementation, pdfjs: nodePdfjs, mammoth: nodeMammoth },
      { url, capturedAt, ...(previous ? { previous } : {}), ...linkedFrom },
    );
    return analysis.record;
  } finally {
    window.close();
  }
}
