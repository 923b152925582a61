/**
 * The history at the stated scale, in real Chromium: 5,000 records of real size (~100 KB each, made
 * from a real reading) written by the service worker under the old address keys with no index. The
 * popup lists them at once while the repair moves them in the background; 全部导出 JSON and CSV then
 * finish, download, and the files parse and hold every record. Prints the time and peak memory of
 * each export (measured, never asserted): `npx vitest run --project e2e tests/e2e/history-scale.test.ts`.
 */
import { stat } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { ReportRecord } from '../../lib';
import { type Browser, launch, liveRecord, openFixture, openPopup, pageUrl, tabIdOf } from './browser';
import { browserRssMb, eachJsonElement, eachLine, samplePeak } from './files';

const N = 5000;
const RECORD_BYTES = 100_000;

let b: Browser;
let popup: Page;
let template: ReportRecord;

beforeAll(async () => {
  b = await launch({ extensionDir: inject('extensionDir') });
  const page = await openFixture(b, 'typo-suspect.html');
  template = await liveRecord(b, page);
  await page.close();
}, 120_000);

afterAll(async () => {
  await b?.close();
});

/** In the service worker: the old layout, N records of about RECORD_BYTES each (UTF-8), no index. */
async function fill(): Promise<{ bytes: number; ms: number }> {
  return (b.sw as NonNullable<Browser['sw']>).evaluate(
    async ([template, n, target]) => {
      const area = chrome.storage.local as unknown as {
        clear(): Promise<void>;
        set(items: object): Promise<void>;
        getBytesInUse(keys: null): Promise<number>;
      };
      await area.clear();
      const t0 = Date.now();
      const base = template as ReportRecord;
      const size = new TextEncoder().encode(JSON.stringify(base)).length;
      // Section 一's text, as real reports keep it (~3 KB there; here enough to reach the target).
      const pad = '本机关坚持以公开为常态、不公开为例外，'.repeat(Math.max(0, Math.ceil((target - size) / 57)));
      for (let i = 0; i < n; i += 250) {
        const items: Record<string, unknown> = {};
        for (let j = i; j < Math.min(i + 250, n); j++) {
          const r = structuredClone(base);
          const year = 2015 + Math.floor(j / 1000);
          r.source.url = `http://www.t${j % 1000}.gov.cn/ndbg/${year}.html`;
          r.source.capturedAt = new Date(Date.UTC(2024, 0, 1) + j * 60_000).toISOString();
          r.report.agency = `测试第${j % 1000}局`;
          r.report.year = year;
          r.report.sections = [{ index: 1, heading: '一、总体情况', text: `${pad}${j}` }];
          items[`nianbao:report:${r.source.url}`] = r;
        }
        await area.set(items);
      }
      return { bytes: await area.getBytesInUse(null), ms: Date.now() - t0 };
    },
    [template, N, RECORD_BYTES] as const,
  );
}

const indexed = () =>
  (b.sw as NonNullable<Browser['sw']>).evaluate(async () => {
    const got = (await chrome.storage.local.get('nianbao:index' as unknown as null)) as { 'nianbao:index'?: { entries: unknown[] } };
    return got['nianbao:index']?.entries.length ?? 0;
  });

/** Click an export, wait for its download; measure how long it took and the most memory it held. */
async function exportAll(
  name: string,
): Promise<{ path: string; name: string; notice: string | null; builtMs: number; ms: number; heapMb: number; rssMb: number }> {
  const cdp = await popup.context().newCDPSession(popup);
  await cdp.send('Performance.enable');
  const heap = samplePeak(async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
  });
  const rss = samplePeak(() => browserRssMb(b.profile), 500);
  const t0 = Date.now();
  const [download] = await Promise.all([
    popup.waitForEvent('download', { timeout: 600_000 }),
    popup.getByRole('button', { name, exact: true }).click(),
  ]);
  const builtMs = Date.now() - t0;
  // Read at once: the message stays a few seconds, and writing the file out takes longer.
  const notice = await popup.locator('.live').textContent();
  const path = (await download.path()) as string;
  const ms = Date.now() - t0;
  const [heapMb, rssMb] = [await heap(), await rss()];
  await cdp.detach();
  return { path, name: download.suggestedFilename(), notice, builtMs, ms, heapMb: Math.round(heapMb), rssMb };
}

it('lists 5,000 records of real size at once, repairs them in the background, and exports all of them as JSON and CSV', async () => {
  const filled = await fill();
  console.log(`[history-scale] filled ${N} records, ${Math.round(filled.bytes / 2 ** 20)} MB in storage, in ${filled.ms} ms`);
  expect(filled.bytes / N).toBeGreaterThan(0.9 * RECORD_BYTES);
  expect(await indexed()).toBe(0);

  const tab = await b.context.newPage();
  await tab.goto(pageUrl('non-report-plain.html'));
  const t0 = Date.now();
  popup = await openPopup(b, await tabIdOf(b, tab));
  // The list at once, from the keys, while the repair has barely begun.
  await expect.poll(() => popup.locator('#history-title').textContent(), { timeout: 30_000 }).toBe(`历史记录（${N}）`);
  const shownMs = Date.now() - t0;
  const left = await popup.locator('.pending-note').textContent();
  expect(Number(/还有 (\d+) 条/.exec(left ?? '')?.[1])).toBeGreaterThan(N / 2);
  expect(await popup.locator('.entry').count()).toBe(50);
  console.log(`[history-scale] popup listed ${N} records ${shownMs} ms after opening (repair pending: ${left})`);

  // The repair finishes in the background; the list follows with names and dates.
  await expect.poll(indexed, { timeout: 300_000, interval: 1000 }).toBe(N);
  await expect.poll(() => popup.locator('.pending-note').count(), { timeout: 30_000 }).toBe(0);
  console.log(`[history-scale] repair done ${Date.now() - t0} ms after opening`);
  await expect.poll(() => popup.locator('.entry-name').first().textContent()).toBe('测试第999局');

  const json = await exportAll('全部导出 JSON');
  expect(json.notice).toBe(`已导出 ${N} 条记录。`);
  expect(json.name).toMatch(/^年报核查-历史-\d{4}-\d{2}-\d{2}\.json$/);
  const urls = new Set<string>();
  const count = await eachJsonElement(json.path, (v) => {
    const r = v as ReportRecord;
    expect(r.schemaVersion).toBe(1);
    urls.add(r.source.url);
  });
  expect(count).toBe(N);
  expect(urls.size).toBe(N);
  const jsonMb = Math.round((await stat(json.path)).size / 2 ** 20);
  console.log(
    `[history-scale] JSON: ${jsonMb} MB built in ${json.builtMs} ms, saved in ${json.ms} ms; popup JS heap peak ${json.heapMb} MB, browser RSS peak ${json.rssMb} MB`,
  );

  const csv = await exportAll('全部导出 CSV');
  expect(csv.name).toMatch(/^年报核查-历史-\d{4}-\d{2}-\d{2}\.csv$/);
  const perRecord = Object.values(template.tables).reduce(
    (n, t) => n + Object.values(t ?? {}).reduce((m, row) => m + Object.keys(row).length, 0),
    0,
  );
  const agencies = new Set<string>();
  let header = '';
  const lines = await eachLine(csv.path, (l, i) => {
    if (i === 0) header = l;
    else agencies.add(l.slice(0, l.indexOf(',')));
  });
  expect(header).toBe('\ufeffagency,year,url,table,rowKey,rowLabel,columnKey,columnLabel,value,raw,kind');
  expect(lines).toBe(1 + N * perRecord);
  expect(agencies.size).toBe(1000);
  const csvMb = Math.round((await stat(csv.path)).size / 2 ** 20);
  console.log(
    `[history-scale] CSV: ${csvMb} MB built in ${csv.builtMs} ms, saved in ${csv.ms} ms; popup JS heap peak ${csv.heapMb} MB, browser RSS peak ${csv.rssMb} MB`,
  );
}, 900_000);
