/**
 * The attachment reader in a real browser, as the extension's attachment page will run it: the
 * browser builds of pdf.js (with its worker, CJK maps and fonts fetched from the page's own origin)
 * and mammoth, set up by utils/attachmentReaders.ts, give the same record as the command line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../cli/file';
import type { ReportRecord } from '../../lib/record/schema';
import { ROOT } from '../harness/build';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../harness/chromium';

const ORIGIN = 'http://attachments.test';
const PDFJS = join(ROOT, 'node_modules/pdfjs-dist');
const FILES = join(ROOT, 'tests/fixtures/attachments/files');
const CAPTURED = '2026-01-01T00:00:00.000Z';

const ENTRY = `
import { readAttachment } from './lib/sources';
import { attachmentReaders } from './utils/attachmentReaders';
const readers = attachmentReaders({
  worker: '${ORIGIN}/pdfjs/build/pdf.worker.min.mjs',
  cMaps: '${ORIGIN}/pdfjs/cmaps/',
  standardFonts: '${ORIGIN}/pdfjs/standard_fonts/',
  wasm: '${ORIGIN}/pdfjs/wasm/',
});
window.check = async (name) => {
  const bytes = new Uint8Array(await (await fetch('${ORIGIN}/files/' + name)).arrayBuffer());
  return (await readAttachment(bytes, name, readers, { url: name, capturedAt: '${CAPTURED}' })).record;
};`;

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]?.text ?? '';
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 120_000);
afterAll(() => browser?.close());

async function inBrowser(name: string): Promise<ReportRecord> {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const type =
      path.endsWith('.mjs') || path.endsWith('.js') ? 'text/javascript' : path.endsWith('.html') ? 'text/html' : 'application/octet-stream';
    if (path === '/index.html')
      return route.fulfill({
        contentType: type,
        body: '<!DOCTYPE html><meta charset="utf-8"><script type="module" src="/app.js"></script>',
      });
    if (path === '/app.js') return route.fulfill({ contentType: type, body: bundle });
    const file = path.startsWith('/pdfjs/') ? join(PDFJS, path.slice(7)) : join(FILES, decodeURIComponent(path.slice(7)));
    return route.fulfill({ contentType: type, body: readFileSync(file) });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => 'check' in window);
  const record = await page.evaluate((n) => (window as unknown as { check(n: string): Promise<ReportRecord> }).check(n), name);
  await page.close();
  return record;
}

const strip = (r: ReportRecord) => ({ ...r, source: { ...r.source, url: '' } });

describe('reading attachments in the browser', () => {
  it.each(['seed001-plain.pdf', 'seed001-thead.pdf', 'typo-suspect.docx', 'seed001-scanned.pdf'])(
    '%s gives the record the command line gives',
    async (name) => {
      const [web, cli] = await Promise.all([inBrowser(name), analyzeFile(join(FILES, name), CAPTURED)]);
      expect(strip(web)).toEqual(strip(cli));
      // Something was read (a scan says its tables are images).
      if (name.includes('scanned')) expect(web.findings[0]?.id).toBe('format.tablesAsImages:report');
      else expect(web.tables.applications?.newReceived?.total?.kind).toBe('number');
    },
    60_000,
  );
});
