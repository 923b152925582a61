/**
 * The one way Chromium is launched, with or without the built extension, by the end-to-end tests,
 * the demo and the bench: the system Chromium (`CHROMIUM_PATH`, else /usr/bin/chromium), headless
 * unless asked, on a fresh profile folder, with the flags of the toolchain notes, and pointed at a
 * `Site` (site.ts) when given one.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import type { Site } from './site';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Quiet and alike on every run: no sandbox (root in containers), GPU, QUIC, first-run page or
 * background traffic. A gov.cn name served from 127.0.0.1 is neither tried over https first
 * (HttpsUpgrades) nor held for a public page reaching the local network (LocalNetworkAccessChecks).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter,HttpsUpgrades,LocalNetworkAccessChecks',
];

export interface Chromium {
  context: BrowserContext;
  /** The extension's service worker (null without an extension). */
  sw: Worker | null;
  /** Read from the worker's address: it depends on the build's path, so it is never hard-coded. */
  extensionId: string | null;
  /** The profile folder (kept by `close({ keepProfile: true })`, to launch again on it). */
  profile: string;
  /** The tab the browser opened with. */
  firstPage(): Promise<Page>;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /** An unpacked extension folder (absolute), or none. */
  extension?: string | null;
  /** Pages served here are reached at `site.url(...)`. */
  site?: Site;
  /** An existing profile folder (a restart); otherwise a fresh one in the system's temporary folder. */
  profile?: string;
  headless?: boolean;
  /** null: the window's own size (a headed demo). */
  viewport?: { width: number; height: number } | null;
  args?: string[];
}

export async function launchChromium(opts: LaunchOptions = {}): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium fonts-wqy-microhei, or set CHROMIUM_PATH (to Chromium: Google Chrome 137+ ignores --load-extension)`,
    );
  const { extension = null, site, headless = true } = opts;
  const profile = opts.profile ?? mkdtempSync(join(tmpdir(), 'nianbao-chromium-'));
  const args = [...CHROMIUM_ARGS, ...(opts.args ?? [])];
  if (site) {
    args.push(`--host-resolver-rules=MAP ${site.host} 127.0.0.1:${site.port}`);
    // Cross-origin isolation needs a secure context; this origin is plain http.
    if (site.isolated) args.push(`--unsafely-treat-insecure-origin-as-secure=http://${site.host}`);
  }
  // --load-extension alone is not enough: Playwright passes --disable-extensions, which this one overrides.
  if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless,
    acceptDownloads: true,
    viewport: opts.viewport === undefined ? { width: 1280, height: 900 } : opts.viewport,
    args,
  });
  let sw: Worker | null = null;
  if (extension) sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    sw,
    extensionId: sw ? new URL(sw.url()).host : null,
    profile,
    firstPage: async () => context.pages()[0] ?? context.newPage(),
    async close({ keepProfile = false } = {}) {
      await context.close().catch(() => undefined);
      if (!keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
