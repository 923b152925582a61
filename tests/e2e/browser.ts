/**
 * Real Chromium with the built extension (the recipe of the toolchain notes), and the fixture pages
 * served under *.gov.cn addresses so the content script's match patterns fire with no network.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import type { ReportRecord } from '../../lib';

/** The little of the extension API the tests call inside the service worker (no @types/chrome here). */
declare global {
  const chrome: {
    tabs: {
      query(q: object): Promise<{ id?: number; url?: string }[]>;
      sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
    };
    storage: {
      local: { get(keys: null): Promise<Record<string, unknown>> };
      session: { get(keys: string | null): Promise<Record<string, unknown>> };
    };
    action: { getBadgeText(details: { tabId: number }): Promise<string> };
  };
}

export const ROOT = resolve(import.meta.dirname, '../..');
export const PAGES = join(ROOT, 'tests', 'fixtures', 'pages');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every fixture page under one portal-like address; the file name is the last path segment. */
export const pageUrl = (file: string): string => `http://www.fixtures.gov.cn/ndbg/${file}`;

export interface Browser {
  context: BrowserContext;
  /** The extension's service worker (absent when launched without the extension). */
  sw: Worker | null;
  extensionId: string | null;
  profile: string;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

/** Serve tests/fixtures/pages for any http://*.gov.cn/ address; anything else there is a 404. */
async function serveFixtures(context: BrowserContext): Promise<void> {
  await context.route('http://*.gov.cn/**', async (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
    const file = join(PAGES, name);
    if (name && existsSync(file) && extname(file) === '.html') {
      // No charset in the header: the page's own <meta charset> decides, as on a real portal.
      await route.fulfill({ status: 200, contentType: 'text/html', body: readFileSync(file) });
    } else await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
  });
}

export async function launch({ extensionDir, profile }: { extensionDir: string | null; profile?: string }): Promise<Browser> {
  const dir = profile ?? mkdtempSync(join(tmpdir(), 'nianbao-e2e-'));
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (extensionDir) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args,
  });
  await serveFixtures(context);
  let sw: Worker | null = null;
  if (extensionDir) sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    sw,
    extensionId: sw ? new URL(sw.url()).host : null,
    profile: dir,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Open a fixture page and, when `panel` is set, wait until the panel is on it. */
export async function openFixture(b: Browser, file: string, { panel = true } = {}): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(pageUrl(file));
  if (panel) await page.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
  return page;
}

export async function tabIdOf(b: Browser, page: Page): Promise<number> {
  const url = page.url();
  const id = await (b.sw as Worker).evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

/** Ask a tab's frames, from the service worker, as the popup does. */
export async function askTab<T>(b: Browser, tabId: number, message: unknown, frameId?: number): Promise<T | undefined> {
  return (b.sw as Worker).evaluate(
    ([id, msg, frame]) =>
      chrome.tabs
        .sendMessage(id as number, msg, frame === null ? {} : { frameId: frame as number })
        .catch(() => undefined) as Promise<unknown>,
    [tabId, message, frameId ?? null] as const,
  ) as Promise<T | undefined>;
}

/** The record the content script holds for the tab (the one the popup exports). */
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
