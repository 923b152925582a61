/** Where the build puts pdf.js's files (wxt.config.ts copies them from pdfjs-dist), in this extension: for utils/attachmentReaders.ts. */
import { browser } from 'wxt/browser';
import type { PdfAssets } from './attachmentReaders';

export function pdfjsAssets(): PdfAssets {
  const url = (path: string) => (browser.runtime.getURL as (p: string) => string)(path);
  return {
    worker: url('/pdfjs/pdf.worker.min.mjs'),
    cMaps: url('/pdfjs/cmaps/'),
    standardFonts: url('/pdfjs/standard_fonts/'),
    wasm: url('/pdfjs/wasm/'),
  };
}
