/**
 * pdf.js and mammoth set up for an extension page (the attachment page), for lib/sources: pdf.js's
 * browser build with its worker, CJK character maps, standard fonts and image decoders served from
 * the extension at the addresses given (copied from pdfjs-dist into the build), and mammoth's
 * browser build. Both are imported only when a file of their kind is read, so nothing of them loads
 * anywhere else.
 */
import type { MammothApi, PdfjsApi, Readers } from '../lib/sources';

/** Where the extension serves pdf.js's files (e.g. `browser.runtime.getURL('/pdfjs/…')`); folders end in `/`. */
export interface PdfAssets {
  worker: string;
  cMaps: string;
  standardFonts: string;
  wasm: string;
}

export function attachmentReaders(assets: PdfAssets, dom: DOMImplementation = document.implementation): Readers {
  return {
    dom,
    pdfjs: async () => {
      const pdfjs = await import('pdfjs-dist');
      pdfjs.GlobalWorkerOptions.workerSrc = assets.worker;
      return {
        api: pdfjs as unknown as PdfjsApi,
        setup: {
          cMapUrl: assets.cMaps,
          cMapPacked: true,
          standardFontDataUrl: assets.standardFonts,
          wasmUrl: assets.wasm,
          isEvalSupported: false,
        },
      };
    },
    mammoth: async () => {
      const mod = await import('mammoth');
      const api = (mod.default ?? mod) as unknown as MammothApi;
      return { api, input: (bytes: Uint8Array) => ({ arrayBuffer: bytes.slice().buffer }) };
    },
  };
}
