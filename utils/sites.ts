/**
 * Where the extension reads pages, and the per-site switch. No content script is declared: the
 * background injects the loader into a tab's frames once the tab has loaded (a declared content
 * script, even one that does nothing, makes every gov.cn page load ~20 % slower in Chromium; see
 * bench/README.md). It does so on *.gov.cn, and on any other site the reader switched on from the
 * popup: an optional host permission for that one site. Nothing here asks for every site at install.
 */
import { browser } from 'wxt/browser';

/** The loader (entrypoints/loader.ts): injected into every frame of a loaded gov.cn or switched-on tab. */
export const LOADER_FILE = '/loader.js';
/** The reader (entrypoints/reader.content/): injected by the background into frames that look like reports. */
export const READER_FILE = '/content-scripts/reader.js';

/** Hosts read without asking (the manifest's host permissions). */
export function isGovSite(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    return /^https?:$/.test(protocol) && (hostname === 'gov.cn' || hostname.endsWith('.gov.cn'));
  } catch {
    return false;
  }
}

/** The permission pattern for a page's site (both schemes), or null for pages that cannot be switched on. */
export function sitePattern(url: string): string | null {
  try {
    const { hostname, protocol } = new URL(url);
    if (!/^https?:$/.test(protocol) || !hostname) return null;
    return `*://${hostname}/*`;
  } catch {
    return null;
  }
}

export const siteHost = (url: string): string | null => {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
};

export type SiteState = 'always' | 'on' | 'off' | 'unavailable';

export async function siteState(url: string | undefined): Promise<SiteState> {
  if (!url) return 'unavailable';
  if (isGovSite(url)) return 'always';
  const pattern = sitePattern(url);
  if (!pattern) return 'unavailable';
  return (await browser.permissions.contains({ origins: [pattern] })) ? 'on' : 'off';
}

/** Whether the extension reads pages at `url`: a gov.cn address, or a site switched on. */
export async function siteEnabled(url: string | undefined): Promise<boolean> {
  const state = await siteState(url).catch((): SiteState => 'unavailable');
  return state === 'always' || state === 'on';
}

/**
 * Put the loader into every frame of a tab the extension may read (it does nothing in a frame that
 * already has it). Frames of other sites are skipped; a tab whose own page is not readable is left
 * alone. Never throws.
 */
export async function injectLoader(tabId: number): Promise<void> {
  try {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [LOADER_FILE] });
  } catch {
    // a tab that closed or navigated away meanwhile, or a page we may not read
  }
}

/**
 * Ask for a site from the popup. Must be called straight from the click (the prompt needs the
 * user gesture, so the request is the first thing it does). The background does the rest when the
 * permission arrives (`activateSites`): the popup may close while the prompt is open.
 * Returns false when the reader declined.
 */
export async function enableSite(url: string): Promise<boolean> {
  const pattern = sitePattern(url);
  if (!pattern) return false;
  return browser.permissions.request({ origins: [pattern] });
}

/** What the background does to a loaded tab it may read: look at its frames (see utils/look.ts). */
export type Enter = (tabId: number) => Promise<void>;

/**
 * `enter` the open tabs on `pattern`; a tab still loading once it has loaded (watched here: right
 * after an install the browser may not report that tab's updates to us).
 */
export async function enterOpenTabs(pattern: string, enter: Enter): Promise<void> {
  const tabs = await browser.tabs.query({ url: pattern });
  for (const tab of tabs) {
    if (tab.id === undefined || tab.discarded) continue;
    if (tab.status === 'complete') await enter(tab.id);
    else void whenLoaded(tab.id).then((ok) => (ok ? enter(tab.id as number) : undefined));
  }
}

/** Resolves true once the tab has loaded, false when it is gone or still loading after `maxMs`. */
async function whenLoaded(tabId: number, maxMs = 30_000): Promise<boolean> {
  for (let waited = 0; waited < maxMs; waited += 250) {
    const tab = await browser.tabs.get(tabId).catch(() => null);
    if (!tab) return false;
    if (tab.status === 'complete') return true;
    await new Promise((done) => setTimeout(done, 250));
  }
  return false;
}

/** Newly granted sites: enter their open tabs now, not at their next load. */
export async function activateSites(origins: string[], enter: Enter): Promise<void> {
  for (const pattern of origins) {
    if (!pattern.startsWith('*://') || pattern === '*://*/*' || pattern.endsWith('.gov.cn/*')) continue;
    await enterOpenTabs(pattern, enter);
  }
}

export async function disableSite(url: string): Promise<void> {
  const pattern = sitePattern(url);
  if (!pattern) return;
  await browser.permissions.remove({ origins: [pattern] });
}
