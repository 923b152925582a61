/**
 * Reading a report file in the attachment page: lib/sources with pdf.js and mammoth served by the
 * extension (utils/attachmentReaders.ts), the analysis in time slices (the page keeps drawing), then
 * the checks again with last year's record when the history has one. The pdf.js document and the
 * document the file became are kept, to show the file with its marks. Times land on the page's
 * timeline as `nianbao:attachment:*` marks (the bench reads them).
 */

import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';
import { type Analysis, inSlices, type ReportRecord, recheckSteps, type SourceKind, type Steps } from '@/lib';
import { attachmentSteps, type PdfjsApi, type Readers } from '@/lib/sources';
import { attachmentReaders } from '@/utils/attachmentReaders';
import { yieldToPage } from '@/utils/pause';
import { pdfjsAssets } from '@/utils/pdfjsAssets';

/** The page is ours: a slice may take a frame. */
const SLICE_BUDGET_MS = 16;

export const PDFJS_ASSETS = pdfjsAssets();

export interface FileReading {
  analysis: Analysis;
  kind: SourceKind;
  /** The PDF, open, to draw its pages (null for other files, or a PDF pdf.js could not open). */
  pdf: PDFDocumentProxy | null;
  /** The document the file became (null: nothing could be read from it). */
  doc: Document | null;
}

export interface ReadOptions {
  url: string;
  attachmentOf?: string;
  publishedAt?: string;
  /** Last year's record of the body, asked once the agency and year are known. */
  previous: (agency: string, year: number) => Promise<ReportRecord | null>;
}

export const mark = (name: string) => performance.mark(`nianbao:attachment:${name}`);

/** lib/sources' readers, keeping the pdf.js document open and the document made from the file. */
function keepingReaders(): { readers: Readers; kept: { pdf: PDFDocumentProxy | null; doc: Document | null } } {
  const base = attachmentReaders(PDFJS_ASSETS);
  const kept: { pdf: PDFDocumentProxy | null; doc: Document | null } = { pdf: null, doc: null };
  const dom = {
    createHTMLDocument: (title?: string) => {
      kept.doc = document.implementation.createHTMLDocument(title);
      return kept.doc;
    },
  } as DOMImplementation;
  const pdfjs = base.pdfjs;
  return {
    kept,
    readers: {
      ...base,
      dom,
      ...(pdfjs
        ? {
            pdfjs: async () => {
              const { api, setup } = await pdfjs();
              mark('pdfjs');
              const keeping: PdfjsApi = {
                OPS: api.OPS,
                getDocument(src) {
                  const task = api.getDocument(src);
                  task.promise.then(
                    (d) => {
                      kept.pdf = d;
                      mark('opened');
                    },
                    () => undefined,
                  );
                  // The reader destroys the task once it has read the pages; the view needs the
                  // document still, and destroys it itself (a document that did not open is let go).
                  return {
                    promise: task.promise,
                    destroy: () =>
                      task.promise.then(
                        () => undefined,
                        () => task.destroy(),
                      ),
                  };
                },
              };
              return { api: keeping, setup };
            },
          }
        : {}),
    },
  };
}

async function sliced(steps: Steps<Analysis>): Promise<Analysis> {
  const r = await inSlices(steps, { budgetMs: SLICE_BUDGET_MS, now: () => performance.now(), pause: yieldToPage });
  return r.value as Analysis;
}

/** Read and check a file; never rejects (a file that will not open has a record that says so). */
export async function readFile(bytes: Uint8Array, name: string, opts: ReadOptions): Promise<FileReading> {
  const { readers, kept } = keepingReaders();
  const steps = await attachmentSteps(bytes, name, readers, {
    url: opts.url,
    ...(opts.attachmentOf ? { attachmentOf: opts.attachmentOf } : {}),
    ...(opts.publishedAt ? { publishedAt: opts.publishedAt } : {}),
  });
  let analysis = await sliced(steps);
  mark('read');
  const { agency, year } = analysis.record.report;
  if (analysis.record.report.isReport && agency && year !== undefined) {
    const previous = await opts.previous(agency, year).catch(() => null);
    if (previous) analysis = await sliced(recheckSteps(analysis, previous));
  }
  mark('checked');
  return { analysis, kind: analysis.record.source.kind, pdf: kept.pdf, doc: kept.doc };
}
