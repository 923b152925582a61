/**
 * What the end-to-end tests share: Chromium with the built extension (tests/harness/) and the
 * fixture pages served under a gov.cn address, and the questions the tests ask the extension.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page, Worker } from 'playwright-core';
import { expect } from 'vitest';
import type { ReportRecord } from '../../lib';
import { ROOT } from '../harness/build';
import { type Chromium, launchChromium } from '../harness/chromium';
import { serve } from '../harness/site';
import { askTab as askTabFrom, tabIdOf as tabIdIn } from '../harness/tabs';

export const PAGES = join(ROOT, 'tests', 'fixtures', 'pages');

const HOST = 'www.fixtures.gov.cn';

/** Every fixture page under one portal-like address. */
export const pageUrl = (file: string): string => `http://${HOST}/ndbg/${file}`;

/** A browser of the harness with the fixture pages served to it (its own server, closed with it). */
export type Browser = Chromium;

export async function launch({ extensionDir, profile }: { extensionDir: string | null; profile?: string }): Promise<Browser> {
  const site = await serve({ '/ndbg/': PAGES }, { host: HOST });
  const b = await launchChromium({ extension: extensionDir, site, ...(profile ? { profile } : {}) }).catch(async (e) => {
    await site.close();
    throw e;
  });
  return {
    ...b,
    async close(opts) {
      await b.close(opts);
      await site.close();
    },
  };
}

/**
 * Wait until the background has looked at the page twice: it looks again (utils/look.ts's measure
 * lands on the page's timeline each time) only after it has taken the first look's answer as "not
 * a report". Only then does the absence of anything of ours on the page say something.
 */
export async function backgroundSaidNo(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('nianbao').length >= 2, undefined, { timeout: 10_000 });
}

/**
 * Wait until the reader in the page's top frame has read the page and found no report: it read it
 * once, and then, the page changed (a hidden paragraph added), once more. It reads a changed page
 * again only while it has found nothing; a report ends its watch.
 */
export async function readerSaidNo(b: Browser, page: Page): Promise<void> {
  const tabId = await tabIdOf(b, page);
  const reads = async () => (await askTab<{ pageReads?: number }>(b, tabId, { type: 'nianbao:ping' }, 0))?.pageReads ?? 0;
  await expect.poll(reads, { timeout: 10_000 }).toBeGreaterThan(0);
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.hidden = true;
    p.textContent = '。';
    document.body.append(p);
  });
  await expect.poll(reads, { timeout: 10_000 }).toBeGreaterThan(1);
}

/** Open a fixture page and, when `panel` is set, wait until the panel is on it. */
export async function openFixture(b: Browser, file: string, { panel = true } = {}): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(pageUrl(file));
  if (panel) await page.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
  return page;
}

export const tabIdOf = (b: Browser, page: Page): Promise<number> => tabIdIn(b.sw as Worker, page);

/** Ask a tab's frames, from the service worker, as the popup does. */
export const askTab = <T>(b: Browser, tabId: number, message: unknown, frameId?: number): Promise<T | undefined> =>
  askTabFrom<T>(b.sw as Worker, tabId, message, frameId);

/** The record the reader holds for the tab (the one the popup exports). */
export async function liveRecord(b: Browser, page: Page): Promise<ReportRecord> {
  const reply = await askTab<{ record: ReportRecord }>(b, await tabIdOf(b, page), { type: 'nianbao:get' });
  if (!reply) throw new Error(`no record for ${page.url()}`);
  return reply.record;
}

export async function openPopup(b: Browser, tabId: number): Promise<Page> {
  const popup = await b.context.newPage();
  await popup.setViewportSize({ width: 420, height: 700 });
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

/** The command line's record for a fixture file (a fresh process, as a user runs it). */
export async function cliRecord(file: string): Promise<ReportRecord> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'nianbao.mjs'), 'check', join(PAGES, file)], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [record] = JSON.parse(stdout) as ReportRecord[];
  if (!record) throw new Error(`the command line printed no record for ${file}`);
  return record;
}

/** A record without what legitimately differs between two readings of the same page. */
export function comparable(r: ReportRecord): unknown {
  const { capturedAt: _c, url: _u, ...source } = r.source;
  return JSON.parse(JSON.stringify({ ...r, source }));
}
