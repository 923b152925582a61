/**
 * The history and the popup in real Chromium: one record per report whatever the address, no flood
 * from a page that pushes state every 100 ms, verdicts that survive a reload and a browser restart
 * and travel in both exports, one order for the CSV from the page and from the history, the undo of
 * a deletion, and a page that could not be checked said plainly.
 */
import { readFile } from 'node:fs/promises';
import type { Page, Worker } from 'playwright-core';
import { afterAll, expect, inject, it } from 'vitest';
import type { ReportRecord } from '../../lib';
import { reportIdentity } from '../../utils/history/identity';
import { parseCsv } from '../ui/csv';
import { type Browser, launch, liveRecord, openFixture, openPopup, pageUrl, tabIdOf } from './browser';

const open: Browser[] = [];

afterAll(async () => {
  for (const b of open) await b.close().catch(() => undefined);
});

async function start(profile?: string): Promise<Browser> {
  const b = await launch({ extensionDir: inject('extensionDir'), ...(profile ? { profile } : {}) });
  open.push(b);
  return b;
}

const sw = (b: Browser) => b.sw as Worker;

const storage = (b: Browser): Promise<Record<string, unknown>> => sw(b).evaluate(() => chrome.storage.local.get(null));

const recordKeys = async (b: Browser) => Object.keys(await storage(b)).filter((k) => k.startsWith('nianbao:report:'));

/** Download what a popup button gives; the file's text and name. */
async function download(popup: Page, name: string): Promise<{ text: string; name: string }> {
  const [d] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name, exact: true }).click()]);
  return { text: await readFile((await d.path()) as string, 'utf8'), name: d.suggestedFilename() };
}

it('keeps one record per report at any address, and a page pushing state every 100 ms stores a few', async () => {
  const b = await start();
  for (const file of ['typo-suspect.html?from=search', 'typo-suspect.html#part3', 'typo-suspect.html']) {
    await (await openFixture(b, file)).close();
  }
  await expect.poll(() => recordKeys(b)).toEqual(['nianbao:report:report:鼓楼区自然资源和规划局|2023']);

  // Count, in the background, the reports a tab sends and the records written.
  await sw(b).evaluate(() => {
    const g = globalThis as unknown as { reports: number; writes: number };
    g.reports = 0;
    g.writes = 0;
    const runtime = (chrome as unknown as { runtime: { onMessage: { addListener(f: (m: { type?: string }) => undefined): void } } })
      .runtime;
    runtime.onMessage.addListener((m) => {
      if (m?.type === 'nianbao:report') g.reports++;
      return undefined;
    });
    const area = chrome.storage.local as unknown as { set(items: Record<string, unknown>): Promise<void> };
    const set = area.set.bind(area);
    area.set = (items) => {
      if (Object.keys(items).some((k) => k.startsWith('nianbao:report:'))) g.writes++;
      return set(items);
    };
  });
  const page = await b.context.newPage();
  await page.addInitScript(() => {
    let n = 0;
    setInterval(() => history.pushState({}, '', `?p=${++n}`), 100);
  });
  await page.goto(pageUrl('seed001-plain.html'));
  await page.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
  await page.waitForTimeout(10_000);
  const counts = await sw(b).evaluate(() => globalThis as unknown as { reports: number; writes: number });
  console.log(`[history-popup] pushState every 100 ms for 10 s: ${counts.reports} reports sent, ${counts.writes} records written`);
  expect(counts.writes).toBeGreaterThanOrEqual(1);
  // At most one write for the same report in 20 s, however many readings the page causes.
  expect(counts.writes).toBeLessThanOrEqual(1);
  expect(await recordKeys(b)).toHaveLength(2);
  await page.close();
});

it('shows the verdicts, keeps them across a reload and a browser restart, and exports them', async () => {
  const first = await start();
  let page = await openFixture(first, 'typo-suspect.html');
  const record = await liveRecord(first, page);
  const [a, c] = record.findings.filter((f) => f.status === 'fail');
  const at = '2026-03-01T10:00:00.000Z';
  const review = { [a?.id as string]: { status: 'confirmed', note: '已向机关核实', at }, [c?.id as string]: { status: 'dismissed', at } };
  // As the panel's verdict buttons store them (utils/reviews/store.ts).
  await sw(first).evaluate(([key, value]) => (chrome.storage.local as unknown as { set(i: object): Promise<void> }).set({ [key]: value }), [
    `nianbao:review:${reportIdentity(record)}`,
    review,
  ] as const);

  const verdictLine = async (b: Browser, p: Page) => {
    const popup = await openPopup(b, await tabIdOf(b, p));
    await popup.locator('.verdict .reviewed').waitFor({ timeout: 15_000 });
    return popup;
  };
  let popup = await verdictLine(first, page);
  expect(await popup.locator('.verdict .reviewed').textContent()).toBe('已确认 1 · 已排除 1');
  await popup.close();

  await page.reload();
  await page.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
  popup = await verdictLine(first, page);
  expect(await popup.locator('.verdict .reviewed').textContent()).toBe('已确认 1 · 已排除 1');
  await popup.close();
  await first.close({ keepProfile: true });
  open.splice(open.indexOf(first), 1);

  const again = await start(first.profile);
  page = await openFixture(again, 'typo-suspect.html');
  popup = await verdictLine(again, page);
  expect(await popup.locator('.verdict .reviewed').textContent()).toBe('已确认 1 · 已排除 1');
  expect(await popup.locator('.entry .entry-reviewed').first().textContent()).toBe(' · 已确认 1 · 已排除 1');
  // Both exports carry them: the JSON's review, the findings export's verdict and note.
  const json = JSON.parse((await download(popup, '导出 JSON')).text) as ReportRecord;
  expect(json.review).toEqual(review);
  const findings = await download(popup, '导出问题清单');
  expect(findings.name).toBe('鼓楼区自然资源和规划局-2023-年报核查-问题清单.csv');
  const rows = parseCsv(findings.text);
  const head = rows[0] as string[];
  const row = rows.find((r) => r[head.indexOf('findingId')] === a?.id) as string[];
  expect([row[head.indexOf('verdict')], row[head.indexOf('verdictNote')]]).toEqual(['confirmed', '已向机关核实']);
  // And the export of everything.
  const all = JSON.parse((await download(popup, '全部导出 JSON')).text) as ReportRecord[];
  expect(all.find((r) => r.source.url === record.source.url)?.review).toEqual(review);
});

it('gives the same CSV from the current page and from its history entry (the template’s order), and undoes a deletion exactly', async () => {
  const b = await start();
  const page = await openFixture(b, 'seed004-word.html');
  const popup = await openPopup(b, await tabIdOf(b, page));
  await popup.locator('.entry').first().waitFor({ timeout: 15_000 });
  const fromPage = await download(popup, '导出 CSV');
  const name = (await popup.locator('.entry-name').first().textContent()) as string;
  const year = /(\d{4})/.exec((await popup.locator('.entry-meta').first().textContent()) ?? '')?.[1];
  const fromHistory = await download(popup, `导出 CSV：${name} ${year}`);
  expect(fromHistory.name).toBe(fromPage.name);
  expect(fromHistory.text).toBe(fromPage.text);
  expect(parseCsv(fromPage.text)[1]?.slice(3, 7)).toEqual(['activeDisclosure', 'regulations', '规章', expect.any(String)]);

  const before = await storage(b);
  await popup.getByRole('button', { name: `删除：${name} ${year}`, exact: true }).click();
  await popup.locator('.toast').waitFor();
  expect(await popup.locator('.toast').textContent()).toBe(`已删除「${name} ${year}」。撤销`);
  await expect.poll(() => recordKeys(b)).toEqual([]);
  await popup.getByRole('button', { name: '撤销', exact: true }).click();
  await expect.poll(() => recordKeys(b)).toHaveLength(1);
  const after = await storage(b);
  for (const k of Object.keys(before).filter((k) => k.startsWith('nianbao:report:'))) expect(after[k]).toEqual(before[k]);
  expect(after['nianbao:index']).toEqual(before['nianbao:index']);
  await expect.poll(() => popup.locator('.entry').count()).toBe(1);
});

it('says plainly when a page could not be checked, and reads a page that broke RegExp', async () => {
  const b = await start();
  // A page whose reading failed: its reader answers with a record whose extension.error says why.
  const page = await openFixture(b, 'non-report-plain.html', { panel: false });
  const tabId = await tabIdOf(b, page);
  await sw(b).evaluate(async (id) => {
    const scripting = (chrome as unknown as { scripting: { executeScript(o: object): Promise<unknown> } }).scripting;
    await scripting.executeScript({
      target: { tabId: id },
      func: () => {
        const record = {
          schemaVersion: 1,
          source: { url: location.href, title: document.title, capturedAt: new Date().toISOString(), kind: 'html' },
          report: { isReport: true, isTemplate: false, formatVersion: 'unknown' },
          tables: {},
          findings: [
            {
              id: 'extension.error:page',
              rule: 'extension.error',
              status: 'na',
              severity: 'error',
              message: '核查这个页面时出错，没有结果：RangeError: Maximum call stack size exceeded',
              cells: [],
            },
          ],
          derived: {},
        };
        const runtime = (globalThis as unknown as { chrome: { runtime: { onMessage: { addListener(f: unknown): void } } } }).chrome.runtime;
        runtime.onMessage.addListener((m: { type?: string }, _s: unknown, reply: (r: unknown) => void) => {
          if (m?.type === 'nianbao:get') reply({ record, frameUrl: location.href });
          else if (m?.type === 'nianbao:ping') reply({ status: 'report', url: location.href, shown: true, pageReads: 1 });
          else return false;
          return true;
        });
      },
    });
  }, tabId);
  const popup = await openPopup(b, tabId);
  await popup.locator('.verdict.failed').waitFor({ timeout: 15_000 });
  expect(await popup.locator('.verdict.failed .verdict-text').textContent()).toBe('没能核查这个页面');
  expect(await popup.locator('.failed-reason').textContent()).toBe('出错原因：RangeError: Maximum call stack size exceeded');
  expect(await popup.getByRole('button', { name: '导出 JSON', exact: true }).count()).toBe(0);

  // A page that replaces RegExp.prototype.exec and test for itself: the first look cannot tell, the reader reads it.
  const hostile = await b.context.newPage();
  await hostile.addInitScript(() => {
    RegExp.prototype.exec = () => null;
    RegExp.prototype.test = () => false;
  });
  await hostile.goto(pageUrl('typo-suspect.html'));
  await hostile.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
  const p2 = await openPopup(b, await tabIdOf(b, hostile));
  await p2.locator('.verdict-text').waitFor({ timeout: 15_000 });
  expect(await p2.locator('.verdict-text').textContent()).toBe('发现 2 处错误');
});
