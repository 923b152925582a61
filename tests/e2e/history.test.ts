/** The history: kept across a browser restart, and feeding last year's record to the cross-year rules. */
import { afterAll, expect, inject, it } from 'vitest';
import type { GuestState } from '../../utils/messages';
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
  expect((await storedKeys(again)).sort()).toEqual([
    'nianbao:report:http://www.fixtures.gov.cn/ndbg/seed001-plain.html',
    'nianbao:report:http://www.fixtures.gov.cn/ndbg/typo-suspect.html',
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
