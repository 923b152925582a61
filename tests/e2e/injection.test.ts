/**
 * When the extension enters a page: nothing is declared to run in pages; the background takes its
 * first look at a tab's frames (utils/look.ts, in the page's world) once the tab has loaded, at
 * frames that arrive later, and at a tab still loading after a few seconds (a stalled resource must
 * not keep the panel away), and gives the reader to the frames that look like reports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launch, liveRecord, PAGES, pageUrl } from './browser';

let b: Browser;

beforeAll(async () => {
  b = await launch({ extensionDir: inject('extensionDir') });
});

afterAll(async () => {
  await b?.close();
});

/** The page's load event end and the first look's first mark, both from navigation start (ms). */
async function loadAndStart(page: Page): Promise<{ loadEnd: number; start: number }> {
  await page.waitForFunction(() => performance.getEntriesByName('nianbao:start').length > 0, undefined, { timeout: 10_000 });
  return page.evaluate(() => ({
    loadEnd: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    start: (performance.getEntriesByName('nianbao:start')[0] as PerformanceEntry).startTime,
  }));
}

describe('entering a page', () => {
  it('declares no content script', () => {
    const manifest = JSON.parse(readFileSync(join(inject('extensionDir'), 'manifest.json'), 'utf8'));
    expect(manifest.content_scripts ?? []).toEqual([]);
    // the permissions the README justifies, and the panel's stylesheet offered once, to every site
    expect(manifest.permissions).toEqual(['storage', 'unlimitedStorage', 'scripting', 'activeTab']);
    expect(manifest.host_permissions).toEqual(['*://*.gov.cn/*']);
    expect(manifest.web_accessible_resources).toEqual([
      { resources: ['content-scripts/reader.css'], matches: ['*://*/*'], use_dynamic_url: true },
    ]);
  });

  it.each(['non-report-plain.html', 'seed000-plain.html'])('enters %s only after its load event ended', async (file) => {
    const page = await b.context.newPage();
    await page.goto(pageUrl(file));
    const t = await loadAndStart(page);
    expect(t.loadEnd).toBeGreaterThan(0);
    expect(t.start).toBeGreaterThanOrEqual(t.loadEnd);
    await page.close();
  });

  it('reaches a report frame added after the page loaded, and the top frame shows it', async () => {
    const page = await b.context.newPage();
    const url = pageUrl('late-frame.html');
    await page.route(url, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><head><meta charset="utf-8"><title>信息公开</title></head><body><h1>东湖区农业农村局</h1>
<div id="slot"></div>
<script>addEventListener('load', () => setTimeout(() => {
  const f = document.createElement('iframe'); f.src = 'iframe-body-inner.html'; f.width = '100%'; f.height = '2000';
  document.getElementById('slot').append(f);
}, 400));</script></body></html>`,
      }),
    );
    await page.goto(url);
    await page.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
    const record = await liveRecord(b, page);
    expect(record.source.url).toMatch(/iframe-body-inner\.html$/);
    expect(record.report.isReport).toBe(true);
    expect(await page.locator('nianbao-check .report-line').textContent()).toContain('东湖区农业农村局');
    await page.close();
  });

  it('reaches a report whose page never finishes loading (a stalled image)', async () => {
    const page = await b.context.newPage();
    const html = readFileSync(join(PAGES, 'typo-suspect.html'), 'utf8').replace(
      '</body>',
      `<img src="${pageUrl('stalled.png')}" alt=""></body>`,
    );
    const url = pageUrl('stalled-report.html');
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    // The image is never answered: the tab stays "loading".
    await page.route(pageUrl('stalled.png'), () => undefined);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.readyState)).not.toBe('complete');
    const record = await liveRecord(b, page);
    expect(record.findings.filter((f) => f.status === 'fail').map((f) => f.id)).toEqual([
      't3.rowTotal:withheld.thirdParty',
      't3.resultsSum:commercial',
    ]);
    await page.close();
  });
});
