/**
 * `npm run demo`: build the extension, serve the bundled sample report pages from localhost, and open
 * Chromium with the extension on them under a gov.cn address (tests/harness/ maps it to the local
 * server, so the extension's host permission covers them and nothing leaves the machine).
 *
 * With a display it opens a window on a report and an index of every sample page, and waits until
 * you close the browser. Without one (or with --headless) it walks through the pages itself and
 * writes screenshots and the exported JSON/CSV to a folder it names (`demo-out/` by default).
 *
 *   npm run demo                      # a window if there is a display, else headless
 *   npm run demo -- --headless        # always headless
 *   npm run demo -- --out some/dir    # where the headless run writes
 *   npm run demo -- --docs            # also refresh docs/screenshots/ (the README's pictures)
 *   CHROMIUM_PATH=/path/to/chromium npm run demo
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { buildExtension, ROOT } from '../tests/harness/build';
import { launchChromium } from '../tests/harness/chromium';
import { type Site, serve } from '../tests/harness/site';
import { askTab, tabIdOf } from '../tests/harness/tabs';

const PAGES = join(ROOT, 'tests', 'fixtures', 'pages');
const LISTINGS = join(ROOT, 'tests', 'fixtures', 'listings');
const BUILD = join(ROOT, '.output', 'demo');
const HOST = 'www.demo.gov.cn';

interface Options {
  headless: boolean;
  out: string;
  docs: boolean;
}

function options(argv: string[]): Options {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const outAt = argv.indexOf('--out');
  return {
    headless: argv.includes('--headless') || !hasDisplay,
    out: resolve(outAt >= 0 && argv[outAt + 1] ? (argv[outAt + 1] as string) : join(ROOT, 'demo-out')),
    docs: argv.includes('--docs'),
  };
}

interface ManifestEntry {
  file: string;
  agency: string | null;
  year: number | null;
  description: string;
  isReport: boolean;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The start page: every sample page with what it shows. */
function indexPage(): string {
  const manifest = JSON.parse(readFileSync(join(PAGES, 'manifest.json'), 'utf8')) as ManifestEntry[];
  const rows = manifest
    .filter((e) => e.file !== 'iframe-body-inner.html')
    .map(
      (e) =>
        `<tr><td><a href="/ndbg/${escapeHtml(e.file)}">${escapeHtml(e.agency ?? e.file)}</a></td><td>${e.year ?? ''}</td><td>${escapeHtml(e.description)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>年报核查 · 示例页面</title>
<style>body{font:14px/1.6 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:32px;max-width:1100px}td{border-bottom:1px solid #ddd;padding:6px 10px;vertical-align:top}</style></head>
<body><h1>年报核查 · 示例页面 (Nianbao Check · sample pages)</h1>
<p>Each page below is served from this machine under a *.gov.cn address. Open one: on a report the panel appears and wrong cells are marked; the toolbar button exports the record. Visit <a href="/ndbg/cross-year-2022.html">cross-year-2022</a> before <a href="/ndbg/cross-year-2023-bad.html">cross-year-2023-bad</a> to see the cross-year check.</p>
<table>${rows}</table></body></html>`;
}

/** The sample pages and the index, served by the harness's server (the index written beside the build). */
async function serveSamples(): Promise<Site> {
  const site = join(BUILD, 'site');
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, 'index.html'), indexPage());
  return serve({ '/ndbg/': PAGES, '/nb/': LISTINGS, '/': site }, { host: HOST });
}

/** `?dark`: the same page as a portal with a dark theme, to show the panel following it. */
async function darkTheme(page: Page): Promise<void> {
  await page.route('**/*?dark', async (route) => {
    const file = join(PAGES, new URL(route.request().url()).pathname.split('/').pop() as string);
    const body = readFileSync(file, 'utf8').replace(
      '</head>',
      '<style>html,body,.wrap,.main,.container,.content,.article{background:#16191d!important;color:#d5d9de!important}td,th{border-color:#555!important}a{color:#8ab4f8!important}</style></head>',
    );
    await route.fulfill({ contentType: 'text/html; charset=utf-8', body });
  });
}

async function openReport(context: BrowserContext, file: string, query = ''): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`http://${HOST}/ndbg/${file}${query}`);
  await page.locator('nianbao-check .panel, nianbao-check .pill').first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(300);
  return page;
}

/** Scroll so the suspect cell (else the first marked cell) sits in the upper part of the window, and point at it. */
async function pointAtSuspect(page: Page): Promise<void> {
  const at = await page.evaluate(async () => {
    const root = document.querySelector('nianbao-check')?.shadowRoot;
    const box = root?.querySelector<HTMLElement>('.mark[data-suspect]') ?? root?.querySelector<HTMLElement>('.mark');
    if (!box) return null;
    const r = box.getBoundingClientRect();
    // The suspect's table from its header on, when the suspect is then still well inside the window.
    const table = document.elementsFromPoint(r.x + 2, r.y + 2).find((e) => e.tagName === 'TABLE');
    const top = table ? table.getBoundingClientRect().top : r.top - 280;
    const y = r.top - top < window.innerHeight - 200 ? top - 8 : r.top - 280;
    window.scrollTo(0, y + window.scrollY);
    // The marks follow a scroll in the next frame: read the box once they have.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const s = box.getBoundingClientRect();
    return { x: s.x + s.width / 2, y: s.y + s.height / 2 };
  });
  if (at) await page.mouse.move(at.x, at.y);
  await page.waitForTimeout(250);
}

const ping = (sw: Worker, tab: number) =>
  askTab<{ analysisMs?: number; marks?: { shown: number; lost: number } }>(sw, tab, { type: 'nianbao:ping' }, 0);

async function download(page: Page, name: RegExp | string, out: string): Promise<string> {
  const button = page.getByRole('button', { name, exact: typeof name === 'string' });
  const [file] = await Promise.all([page.waitForEvent('download'), button.first().click()]);
  const target = join(out, file.suggestedFilename());
  await file.saveAs(target);
  return target;
}

async function headlessTour(context: BrowserContext, sw: Worker, extensionId: string, out: string): Promise<string[]> {
  const written: string[] = [];
  const shot = async (page: Page, name: string, opts: Parameters<Page['screenshot']>[0] = {}) => {
    const path = join(out, name);
    await page.screenshot({ ...opts, path });
    written.push(path);
    console.log(`  ${name}`);
  };
  const timings: Record<string, unknown> = {};

  // Last year's report first, so the 2023 page below gets its cross-year checks.
  (await openReport(context, 'cross-year-2022.html')).close();

  const report = await openReport(context, 'typo-suspect.html');
  timings['typo-suspect.html'] = await ping(sw, await tabIdOf(sw, report));
  await shot(report, 'panel.png');

  // The marked table with the panel folded (the reader's choice is remembered, so unfold it after).
  await report.locator('nianbao-check button[aria-expanded="true"]').click();
  await pointAtSuspect(report);
  await shot(report, 'marked-table.png');
  await report.locator('nianbao-check button.pill').click();

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 560 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${await tabIdOf(sw, report)}`);
  await popup.getByRole('button', { name: '导出 JSON', exact: true }).waitFor();
  await popup.waitForTimeout(300);
  await shot(popup, 'popup.png', { fullPage: true });
  written.push(await download(popup, '导出 JSON', out));
  written.push(await download(popup, '导出 CSV', out));

  const crossYear = await openReport(context, 'cross-year-2023-bad.html');
  timings['cross-year-2023-bad.html'] = await ping(sw, await tabIdOf(sw, crossYear));
  await crossYear.evaluate(() => {
    const root = document.querySelector('nianbao-check')?.shadowRoot;
    root?.querySelector('.finding[data-finding-id^="crossYear."]')?.scrollIntoView({ block: 'start' });
  });
  await shot(crossYear, 'cross-year.png');

  for (const file of ['seed004-word.html', 'blank-total-column.html', 'iframe-body.html', 'script-loaded-body.html']) {
    const page = await openReport(context, file);
    timings[file] = await ping(sw, await tabIdOf(sw, page));
    await page.close();
  }

  const dark = await context.newPage();
  // A wide window, so the panel floats beside the table rather than over it.
  await dark.setViewportSize({ width: 1920, height: 900 });
  await dark.emulateMedia({ colorScheme: 'dark' });
  await darkTheme(dark);
  await dark.goto(`http://${HOST}/ndbg/worked-case.html?dark`);
  await dark.locator('nianbao-check .panel').waitFor();
  await pointAtSuspect(dark);
  await shot(dark, 'panel-dark.png');

  await popup.reload();
  await popup.getByRole('button', { name: '导出 JSON', exact: true }).waitFor();
  await popup.getByRole('searchbox').fill('金华');
  await popup.waitForTimeout(200);
  await shot(popup, 'popup-history.png', { fullPage: true });
  await popup.getByRole('searchbox').fill('');
  written.push(await download(popup, '全部导出 JSON', out));

  // A 政府信息公开年报 column: the panel and the popup offer to check the reports it lists.
  const listing = await context.newPage();
  await listing.goto(`http://${HOST}/nb/index.html`);
  await listing.locator('nianbao-check [data-listing-offer]').waitFor({ timeout: 20_000 });
  await listing.waitForTimeout(300);
  await shot(listing, 'panel-listing.png');
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${await tabIdOf(sw, listing)}`);
  await popup.locator('[data-listing-offer]').waitFor();
  await popup.waitForTimeout(300);
  await shot(popup, 'popup-listing.png', { fullPage: true });
  await listing.close();

  // The workbench on that listing and its later page (a short delay: the demo portal is this machine).
  const bench = await context.newPage();
  const q = new URLSearchParams({ listing: `http://${HOST}/nb/index.html`, follow: '1', delay: '0.3' });
  await bench.goto(`chrome-extension://${extensionId}/workbench.html?${q.toString()}`);
  await bench.locator('.wb-phase', { hasText: '已全部完成' }).waitFor({ timeout: 120_000 });
  await bench.locator('select', { has: bench.locator('option[value=disclosureRate]') }).selectOption('disclosureRate');
  await bench.waitForTimeout(300);
  await shot(bench, 'workbench.png', { fullPage: true });
  written.push(await download(bench, '导出表格（CSV）', out));
  await bench.getByRole('tab', { name: /全部记录/ }).click();
  await bench.locator('tbody tr[data-url]', { hasText: '金华市人民政府办公室' }).locator('.wb-trend').first().click();
  await bench.waitForTimeout(300);
  await shot(bench, 'workbench-history.png', { fullPage: true });
  await bench.close();

  await report.bringToFront();
  await report.evaluate(() => window.scrollTo(0, 0));
  await report.locator('nianbao-check button[aria-expanded="true"]').click();
  await report.waitForTimeout(200);
  await shot(report, 'panel-collapsed.png');

  const summary = join(out, 'timings.json');
  writeFileSync(summary, `${JSON.stringify(timings, null, 2)}\n`);
  written.push(summary);
  return written;
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  console.log('· building the extension (wxt build) …');
  const extension = buildExtension(BUILD);
  const site = await serveSamples();
  console.log(`· sample pages served at http://127.0.0.1:${site.port}/ (and as http://${HOST}/ inside the browser)`);
  const browser = await launchChromium({
    extension,
    site,
    headless: opts.headless,
    viewport: opts.headless ? { width: 1400, height: 900 } : null,
  });
  const { context } = browser;
  const sw = browser.sw as Worker;
  const id = browser.extensionId as string;
  try {
    if (!opts.headless) {
      const index = await context.newPage();
      await index.goto(`http://${HOST}/`);
      await openReport(context, 'typo-suspect.html');
      console.log('· Chromium is open with the extension. Close the browser window to end the demo.');
      await new Promise<void>((done) => context.on('close', () => done()));
      return;
    }
    rmSync(opts.out, { recursive: true, force: true });
    mkdirSync(opts.out, { recursive: true });
    console.log(`· headless: writing screenshots and exports to ${opts.out}`);
    const written = await headlessTour(context, sw, id, opts.out);
    if (opts.docs) {
      const docs = join(ROOT, 'docs', 'screenshots');
      mkdirSync(docs, { recursive: true });
      for (const f of written.filter((p) => p.endsWith('.png'))) copyFileSync(f, join(docs, f.split('/').pop() as string));
      console.log(`· screenshots copied to ${docs}`);
    }
    console.log(`· done: ${written.length} files in ${opts.out}`);
  } finally {
    await browser.close();
    await site.close();
  }
}

main().catch((e) => {
  console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
