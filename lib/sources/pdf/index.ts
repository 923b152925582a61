/** A PDF's content (read by `readPdf`) as an HTML document the report reader reads like a web page. */
import { blocksToDocument } from './document';
import { pdfBlocks } from './flow';
import type { PdfContent } from './page';

export type { PdfContent, PdfPage } from './page';
export { type PdfjsApi, type PdfjsSetup, readPdf } from './read';

/** Pages with no text at all: a scan, or pages printed as pictures. */
export function hasText(content: PdfContent): boolean {
  return content.pages.some((p) => p.runs.some((r) => r.text.trim() !== ''));
}

export function pdfToDocument(content: PdfContent, impl: DOMImplementation): Document {
  const blocks = pdfBlocks(content);
  const heading = blocks.find((b) => b.kind === 'title');
  const title = content.title ?? (heading && heading.kind === 'title' ? heading.text : '');
  return blocksToDocument(blocks, impl, title);
}
