/**
 * pdf.js set up for Node: its legacy build (made for Node), run in this thread (no worker), with
 * the CJK character maps, standard fonts and image decoders shipped in pdfjs-dist read from disk.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PdfjsApi, PdfjsSetup } from '../../lib/sources/pdf';

let loaded: Promise<{ api: PdfjsApi; setup: PdfjsSetup }> | undefined;

/** pdf.js and its setup, loaded once per process (or worker thread). */
export function nodePdfjs(): Promise<{ api: PdfjsApi; setup: PdfjsSetup }> {
  loaded ??= (async () => {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const api = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfjsApi;
    const setup: PdfjsSetup = {
      cMapUrl: `${join(root, 'cmaps')}/`,
      cMapPacked: true,
      standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
      wasmUrl: `${join(root, 'wasm')}/`,
      isEvalSupported: false,
      disableFontFace: true,
      verbosity: 0,
    };
    return { api, setup };
  })();
  return loaded;
}
