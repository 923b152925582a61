/**
 * The history and the popup in real Chromium: kept across a browser restart, feeding last year's
 * record to the cross-year rules, one record per report whatever the address, no flood from a page
 * that pushes state every 100 ms, verdicts that survive a reload and a browser restart and travel in
 * both exports, one order for the CSV from the page and from the history, the undo of a deletion,
 * and a page that could not be checked said plainly.
 */
import { readFile } from 'node:fs/promises';
import type { Page, Worker } from 'playwright-core';
import { afterAll, expect, inject, it } from 'vitest';
import type { ReportRecord } from '../../lib';
import { reportIdentity } from '../../utils/history/identity';
import type { GuestState } from '../../utils/messages';
import { parseCsv } from '../ui/csv';
import { failedRecord } from '../ui/helpers';
import { askTab, type Browser, backgroundSaidNo, launch, liveRecord, openFixture, openPopup, pageUrl, tabIdOf } from './browser';

const open: Browser[] = [];

afterAll(async () => {
  for (const b of open) await b.close().catch(() => undefined);
});

async function start(profile?: string): Promise<Browser> {
  const b = await launch({ extensionDir: inject('extensionDir'), ...(profile ? { profile } : {}) });
  open.push(b);
  return b;
}

const storedKeys = (b: Browser): Promise<string[]> =>
  b.sw?.evaluate(async () => Object.keys(await chrome.storage.local.get(null)).filter((k) => k.startsWith('nianbao:report:'))) ??
  Promise.resolve([]);

it('history survives a browser restart (same profile)', async () => {
  const first = await start();
  for (const file of ['typo-suspect.html', 'seed001-plain.html']) await (await openFixture(first, file)).close();
  await expect.poll(() => storedKeys(first)).toHaveLength(2);
  await first.close({ keepProfile: true });
  open.splice(open.indexOf(first), 1);

  const again = await start(first.profile);
  // One record per report, under its body and year.
  expect((await storedKeys(again)).sort()).toEqual([
    'nianbao:report:report:南湖区人民政府办公室|2023',
    'nianbao:report:report:鼓楼区自然资源和规划局|2023',
  ]);
  // The popup lists both, read back through the schema.
  const page = await again.context.newPage();
  await page.goto(pageUrl('non-report-plain.html'));
  const popup = await openPopup(again, await tabIdOf(again, page));
  const entries = popup.locator('.entry');
  await expect.poll(() => entries.count()).toBe(2);
  const names = await popup.locator('.entry-name').allTextContents();
  expect(names.sort()).toEqual(['南湖区人民政府办公室', '鼓楼区自然资源和规划局']);
});

it('the cross-year finding appears after visiting last year’s page', async () => {
  const b = await start();
  const crossYear = (ids: string[]) => ids.filter((id) => id.startsWith('crossYear.'));

  // Before last year's report was seen: no cross-year findings at all.
  let page = await openFixture(b, 'cross-year-2023-bad.html');
  expect(crossYear((await liveRecord(b, page)).findings.map((f) => f.id))).toEqual([]);
  await page.close();

  await (await openFixture(b, 'cross-year-2022.html')).close();

  page = await openFixture(b, 'cross-year-2023-bad.html');
  const record = await liveRecord(b, page);
  const failing = record.findings.filter((f) => f.status === 'fail').map((f) => f.id);
  expect(failing).toEqual(expect.arrayContaining(['crossYear.carryOver:commercial', 'crossYear.inForce:regulations']));
  // In the panel, with the others, and on the page as a mark.
  const item = page.locator('nianbao-check .finding[data-finding-id="crossYear.carryOver:commercial"]');
  await expect.poll(() => item.getAttribute('data-status')).toBe('fail');
  expect(await page.locator('nianbao-check .mark[data-ref="applications|carriedOver|commercial"]').count()).toBe(1);
  // Last year's record only ran the checks again: the page was read once.
  const state = await askTab<GuestState>(b, await tabIdOf(b, page), { type: 'nianbao:ping' }, 0);
  expect(state?.pageReads).toBe(1);
});

it("a tab's badge and stored report follow its page; plain pages after a plain page touch no storage", async () => {
  const b = await start();
  const sw = b.sw as NonNullable<Browser['sw']>;
  // Count the background's reads of session storage (where each tab's frames are kept).
  await sw.evaluate(() => {
    const g = globalThis as unknown as { sessionGets: number };
    g.sessionGets = 0;
    const area = chrome.storage.session;
    const get = area.get.bind(area) as (...a: unknown[]) => Promise<Record<string, unknown>>;
    (area as unknown as { get: (...a: unknown[]) => Promise<Record<string, unknown>> }).get = (...a: unknown[]) => {
      g.sessionGets++;
      return get(...a);
    };
  });
  const gets = () => sw.evaluate(() => (globalThis as unknown as { sessionGets: number }).sessionGets);
  const page = await openFixture(b, 'typo-suspect.html');
  const tabId = await tabIdOf(b, page);
  const badge = () => sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  const stored = () => sw.evaluate(async (id) => Object.keys(await chrome.storage.session.get(`nianbao:tab:${id}`)).length, tabId);
  await expect.poll(badge).toMatch(/^\d+$/);
  expect(await stored()).toBe(1);

  // To a page that is not a report: the tab's report and badge are cleared.
  await page.goto(pageUrl('non-report-plain.html'));
  await expect.poll(stored).toBe(0);
  await expect.poll(badge).toBe('');
  await backgroundSaidNo(page);
  const settled = await gets();
  // Two more plain pages: the tab is known to hold nothing, so its loads read and write nothing
  // (counted once the background has taken each page's first look as "no report" and looked again).
  for (const file of ['non-report-plain.html?again', 'non-report-plain.html?and-again']) {
    await page.goto(pageUrl(file));
    await backgroundSaidNo(page);
  }
  expect((await gets()) - settled).toBe(0);

  // A report again, then a plain page: both tidied as before.
  await page.goto(pageUrl('typo-total.html'));
  await page.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
  await expect.poll(badge).toMatch(/^\d+$/);
  await page.goto(pageUrl('non-report-plain.html'));
  await expect.poll(stored).toBe(0);
  await expect.poll(badge).toBe('');
});

const sw = (b: Browser) => b.sw as Worker;

const storage = (b: Browser): Promise<Record<string, unknown>> => sw(b).evaluate(() => chrome.storage.local.get(null));

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
  await expect.poll(() => storedKeys(b)).toEqual(['nianbao:report:report:鼓楼区自然资源和规划局|2023']);

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
  console.log(`[history] pushState every 100 ms for 10 s: ${counts.reports} reports sent, ${counts.writes} records written`);
  expect(counts.writes).toBeGreaterThanOrEqual(1);
  // At most one write for the same report in 20 s, however many readings the page causes.
  expect(counts.writes).toBeLessThanOrEqual(1);
  expect(await storedKeys(b)).toHaveLength(2);
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
  await expect.poll(() => storedKeys(b)).toEqual([]);
  await popup.getByRole('button', { name: '撤销', exact: true }).click();
  await expect.poll(() => storedKeys(b)).toHaveLength(1);
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
  const failed = failedRecord(page.url(), 'RangeError: Maximum call stack size exceeded');
  await sw(b).evaluate(
    async ([id, record]) => {
      const scripting = (chrome as unknown as { scripting: { executeScript(o: object): Promise<unknown> } }).scripting;
      await scripting.executeScript({
        target: { tabId: id },
        args: [record],
        func: (r: unknown) => {
          const runtime = (globalThis as unknown as { chrome: { runtime: { onMessage: { addListener(f: unknown): void } } } }).chrome
            .runtime;
          runtime.onMessage.addListener((m: { type?: string }, _s: unknown, reply: (x: unknown) => void) => {
            if (m?.type === 'nianbao:get') reply({ record: r, frameUrl: location.href });
            else if (m?.type === 'nianbao:ping') reply({ status: 'report', url: location.href, shown: true, pageReads: 1 });
            else return false;
            return true;
          });
        },
      });
    },
    [tabId, failed] as const,
  );
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
