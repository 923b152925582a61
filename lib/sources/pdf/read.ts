/**
 * Drives pdf.js over a file's bytes: per page, the text runs (getTextContent) and the rulings and
 * images (getOperatorList). Shared by the command line and the browser: it uses only the pdf.js API
 * object passed in; where the worker, the CJK character maps and the standard fonts come from is
 * the caller's setup (`DocumentInitParameters`).
 */
import type { DocumentInitParameters, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import { type OpCodes, readOperators } from './ops';
import type { PdfContent, PdfPage, TextRun } from './page';

/** The part of the pdf.js module this reader calls (its Node and browser builds both have it). */
export interface PdfjsApi {
  getDocument(src: DocumentInitParameters): { promise: Promise<PDFDocumentProxy>; destroy(): Promise<void> };
  OPS: OpCodes;
}

/** Where the environment's pdf.js finds its worker, character maps and fonts (see cli/sources/pdf.ts). */
export type PdfjsSetup = Omit<DocumentInitParameters, 'data' | 'url' | 'range'>;

interface Item {
  str: string;
  transform: number[];
  width: number;
}

/** Text runs of a page, horizontal ones only (vertical text is rare in these reports and read as nothing). */
async function runsOf(page: PDFPageProxy, dx: number, dy: number): Promise<TextRun[]> {
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const it of content.items as Item[]) {
    if (typeof it.str !== 'string' || it.str.trim() === '') continue;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = it.transform;
    if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d) || a <= 0) continue;
    runs.push({ text: it.str, x: e - dx, y: f - dy, w: it.width, size: Math.abs(d) });
  }
  return runs;
}

async function readPage(doc: PDFDocumentProxy, n: number, OPS: OpCodes): Promise<PdfPage> {
  const page = await doc.getPage(n);
  try {
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const runs = await runsOf(page, x0, y0);
    const ops = await page.getOperatorList();
    const { rulings, images } = readOperators(ops.fnArray, ops.argsArray, OPS);
    for (const r of rulings) {
      r.at -= r.dir === 'h' ? y0 : x0;
      r.from -= r.dir === 'h' ? x0 : y0;
      r.to -= r.dir === 'h' ? x0 : y0;
    }
    for (const b of images) {
      b.x -= x0;
      b.y -= y0;
    }
    return { page: n, width: x1 - x0, height: y1 - y0, runs, rulings, images };
  } finally {
    page.cleanup();
  }
}

/** Read every page of a PDF. Rejects when pdf.js cannot open the file (not a PDF, encrypted, damaged). */
export async function readPdf(api: PdfjsApi, data: Uint8Array, setup: PdfjsSetup = {}): Promise<PdfContent> {
  // pdf.js takes ownership of (and detaches) the buffer it is given; the caller keeps its bytes.
  const task = api.getDocument({ ...setup, data: data.slice() });
  try {
    const doc = await task.promise;
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(doc, n, api.OPS));
    const info = (await doc.getMetadata().catch(() => null))?.info as { Title?: unknown } | undefined;
    const title = typeof info?.Title === 'string' ? info.Title.trim() : '';
    return { ...(title ? { title } : {}), pages };
  } finally {
    await task.destroy();
  }
}
