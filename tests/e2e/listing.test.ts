/**
 * The listing offer in real Chromium: a 政府信息公开年报 column (tests/fixtures/listings/, served under
 * a gov.cn name beside the fixture reports) gets a panel holding only 「核查本页列出的 N 份年报」, which
 * opens the workbench beside the tab with the listing, the year and the pager choice in its address;
 * the popup offers the same on that tab; a report page keeps its usual panel, without the offer.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../harness/build';
import { type Chromium, launchChromium } from '../harness/chromium';
import { type Site, serve } from '../harness/site';
import { PAGES, tabIdOf } from './browser';

const LISTINGS = join(ROOT, 'tests', 'fixtures', 'listings');
const HOST = 'www.fixtures.gov.cn';
const LISTING = `http://${HOST}/nb/index.html`;
/** The listing's address as the workbench's address carries it. */
const ENCODED = 'http%3A%2F%2Fwww.fixtures.gov.cn%2Fnb%2Findex.html';

let site: Site;
let b: Chromium;

beforeAll(async () => {
  site = await serve({ '/ndbg/': PAGES, '/nb/': LISTINGS }, { host: HOST });
  b = await launchChromium({ extension: inject('extensionDir'), site });
});

afterAll(async () => {
  await b?.close();
  await site?.close();
});

interface TabInfo {
  id?: number;
  index: number;
  url?: string;
  pendingUrl?: string;
  openerTabId?: number;
}

/** The tabs of the browser, as the extension sees them. */
const tabs = (): Promise<TabInfo[]> =>
  (b.sw as NonNullable<Chromium['sw']>).evaluate(async () => (await chrome.tabs.query({})) as unknown as TabInfo[]);

/** Wait for a tab opened from `opener` to the workbench; its address (the page itself may not exist yet). */
async function workbenchTab(opener: number, before: Set<number>): Promise<TabInfo> {
  let found: TabInfo | undefined;
  await expect
    .poll(
      async () => {
        found = (await tabs()).find((t) => t.id !== undefined && !before.has(t.id) && t.openerTabId === opener);
        return found ? (found.pendingUrl ?? found.url ?? '') : '';
      },
      { timeout: 10_000 },
    )
    .toContain('/workbench.html?');
  return found as TabInfo;
}

const known = async () => new Set((await tabs()).map((t) => t.id as number));

async function openListing(): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(LISTING);
  await page.locator('nianbao-check [data-listing-offer]').waitFor({ timeout: 15_000 });
  return page;
}

describe('on a page listing reports', () => {
  it('the panel offers 核查本页列出的 7 份年报, which opens the workbench beside the tab, every year, following the pager', async () => {
    const page = await openListing();
    const offer = page.locator('nianbao-check [data-listing-offer]');
    const button = offer.getByRole('button', { name: '核查本页列出的 7 份年报', exact: true });
    await button.waitFor();
    expect(await offer.getByRole('checkbox', { name: '同时核查后续页' }).isChecked()).toBe(true);
    // Only the offer: no verdict, no findings (the page is not a report).
    expect(await page.locator('nianbao-check .tally, nianbao-check .finding').count()).toBe(0);
    const id = await tabIdOf(b, page);
    const self = (await tabs()).find((t) => t.id === id) as TabInfo;
    const before = await known();
    await button.click();
    const opened = await workbenchTab(id, before);
    expect(opened.pendingUrl ?? opened.url).toBe(`chrome-extension://${b.extensionId}/workbench.html?listing=${ENCODED}&follow=1`);
    expect(opened.index).toBe(self.index + 1);
    await page.close();
  });

  it('a year chosen and the pager left out are in the workbench address', async () => {
    const page = await openListing();
    const offer = page.locator('nianbao-check [data-listing-offer]');
    await offer.getByRole('combobox').selectOption('2023');
    await offer.getByRole('checkbox').uncheck();
    const button = offer.getByRole('button', { name: '核查本页列出的 4 份年报', exact: true });
    const id = await tabIdOf(b, page);
    const before = await known();
    await button.click();
    const opened = await workbenchTab(id, before);
    expect(opened.pendingUrl ?? opened.url).toBe(
      `chrome-extension://${b.extensionId}/workbench.html?listing=${ENCODED}&year=2023&follow=0`,
    );
    await page.close();
  });

  it('the popup offers the same on that tab, and opens the workbench beside it', async () => {
    const page = await openListing();
    const id = await tabIdOf(b, page);
    const self = (await tabs()).find((t) => t.id === id) as TabInfo;
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${id}`);
    const button = popup.getByRole('button', { name: '核查本页列出的 7 份年报', exact: true });
    await button.waitFor({ timeout: 10_000 });
    expect(await popup.getByRole('checkbox', { name: '同时核查后续页' }).isChecked()).toBe(true);
    await popup.getByRole('combobox', { name: '年度' }).selectOption('2022');
    const before = await known();
    await popup.getByRole('button', { name: '核查本页列出的 2 份年报', exact: true }).click();
    const opened = await workbenchTab(id, before);
    expect(opened.pendingUrl ?? opened.url).toBe(
      `chrome-extension://${b.extensionId}/workbench.html?listing=${ENCODED}&year=2022&follow=1`,
    );
    expect(opened.index).toBe(self.index + 1);
    await popup.close();
    await page.close();
  });
});

it('a listing without a pager: N is its 2 reports, and nothing to follow', async () => {
  const page = await b.context.newPage();
  await page.goto(`http://${HOST}/nb/plain.html`);
  const offer = page.locator('nianbao-check [data-listing-offer]');
  await offer.getByRole('button', { name: '核查本页列出的 2 份年报', exact: true }).waitFor({ timeout: 15_000 });
  expect(await offer.getByRole('checkbox').count()).toBe(0);
  await page.close();
});

it('a list of report files (PDF, DOCX) gets the listing offer rather than the offer to check one file', async () => {
  const page = await b.context.newPage();
  await page.goto(`http://${HOST}/nb/files.html`);
  const offer = page.locator('nianbao-check [data-listing-offer]');
  await offer.getByRole('button', { name: '核查本页列出的 3 份年报', exact: true }).waitFor({ timeout: 15_000 });
  expect(await page.locator('nianbao-check [data-offer]').count()).toBe(0);
  await page.close();
});

it('a report page still gets its usual panel, and no listing offer', async () => {
  const page = await b.context.newPage();
  await page.goto(`http://${HOST}/ndbg/typo-suspect.html`);
  await page.locator('nianbao-check .panel .report-line').waitFor({ timeout: 15_000 });
  expect(await page.locator('nianbao-check .report-line').innerText()).toBe('鼓楼区自然资源和规划局 · 2023 年度 · 格式 2021 版');
  expect(await page.locator('nianbao-check [data-listing-offer]').count()).toBe(0);
  await page.close();
});
