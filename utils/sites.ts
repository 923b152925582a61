/**
 * The per-site switch. The content script is declared for *.gov.cn only; any other site is switched
 * on by the reader from the popup: an optional host permission for that one site, plus a content
 * script registered for it at run time (and injected into the open tab at once). Nothing here asks
 * for every site at install.
 */
import { browser } from 'wxt/browser';

/** The always-on loader (entrypoints/loader.ts): declared for *.gov.cn, registered for switched-on sites. */
export const CONTENT_SCRIPT_FILE = '/loader.js';
/** The reader (entrypoints/reader.content/): injected by the background into frames that look like reports. */
export const READER_FILE = '/content-scripts/reader.js';
const SCRIPT_PREFIX = 'nianbao-site:';

/** Hosts where the content script always runs (the manifest's matches). */
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

const scriptId = (pattern: string): string => SCRIPT_PREFIX + pattern.slice('*://'.length, -'/*'.length);

export type SiteState = 'always' | 'on' | 'off' | 'unavailable';

export async function siteState(url: string | undefined): Promise<SiteState> {
  if (!url) return 'unavailable';
  if (isGovSite(url)) return 'always';
  const pattern = sitePattern(url);
  if (!pattern) return 'unavailable';
  return (await browser.permissions.contains({ origins: [pattern] })) ? 'on' : 'off';
}

async function register(pattern: string): Promise<void> {
  const id = scriptId(pattern);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) return;
  await browser.scripting
    .registerContentScripts([
      { id, matches: [pattern], js: [CONTENT_SCRIPT_FILE], allFrames: true, runAt: 'document_idle', persistAcrossSessions: true },
    ])
    .catch((e: unknown) => {
      // Registered meanwhile by the other side (popup and background both react to a grant).
      if (!String(e).includes('Duplicate')) throw e;
    });
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

/** Newly granted sites: register the content script and run it in their open tabs. */
export async function activateSites(origins: string[]): Promise<void> {
  for (const pattern of origins) {
    if (!pattern.startsWith('*://') || pattern === '*://*/*' || pattern.endsWith('.gov.cn/*')) continue;
    await register(pattern);
    const tabs = await browser.tabs.query({ url: pattern });
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      await browser.scripting
        .executeScript({ target: { tabId: tab.id, allFrames: true }, files: [CONTENT_SCRIPT_FILE] })
        .catch(() => undefined);
    }
  }
}

export async function disableSite(url: string): Promise<void> {
  const pattern = sitePattern(url);
  if (!pattern) return;
  await browser.scripting.unregisterContentScripts({ ids: [scriptId(pattern)] }).catch(() => undefined);
  await browser.permissions.remove({ origins: [pattern] });
}

/**
 * Make the registered scripts match the granted sites (a permission can be revoked from the
 * browser's own settings, which leaves its script behind).
 */
export async function reconcileSites(): Promise<void> {
  const granted = new Set(((await browser.permissions.getAll()).origins ?? []).filter((o) => o.startsWith('*://') && o !== '*://*/*'));
  const scripts = (await browser.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(SCRIPT_PREFIX));
  for (const s of scripts) {
    const pattern = s.matches?.[0];
    if (!pattern || !granted.has(pattern)) await browser.scripting.unregisterContentScripts({ ids: [s.id] });
  }
  for (const pattern of granted) {
    if (pattern.endsWith('.gov.cn/*')) continue;
    await register(pattern);
  }
}
