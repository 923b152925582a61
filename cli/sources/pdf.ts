/**
 * pdf.js set up for Node: its legacy build (made for Node), its worker run in this thread, with
 * the CJK character maps, standard fonts and image decoders shipped in pdfjs-dist read from disk.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PdfjsApi, PdfjsSetup } from '../../lib/sources';

let loaded: Promise<{ api: PdfjsApi; setup: PdfjsSetup }> | undefined;

/** pdf.js and its setup, loaded once per process (or worker thread). */
export function nodePdfjs(): Promise<{ api: PdfjsApi; setup: PdfjsSetup }> {
  loaded ??= (async () => {
    const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    // The worker's code, loaded here rather than on the first file: pdf.js runs it in this thread
    // when it finds it on globalThis (Node has no web workers).
    const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const [pdfjs, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(workerModule)]);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    const api = pdfjs as unknown as PdfjsApi;
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
