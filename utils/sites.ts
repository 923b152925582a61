/**
 * Where the extension reads pages, and the per-site switch: every *.gov.cn page (the manifest's host
 * permission), and any other site the reader switched on from the popup, by an optional host
 * permission for that one site. Nothing here asks for every site at install.
 */
import { browser } from 'wxt/browser';

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
 * Ask for a site from the popup. Must be called straight from the click (the prompt needs the
 * user gesture, so the request is the first thing it does). The background does the rest when the
 * permission arrives (entrypoints/background/open-tabs.ts): the popup may close while the prompt is open.
 * Returns false when the reader declined.
 */
export async function enableSite(url: string): Promise<boolean> {
  const pattern = sitePattern(url);
  if (!pattern) return false;
  return browser.permissions.request({ origins: [pattern] });
}

export async function disableSite(url: string): Promise<void> {
  const pattern = sitePattern(url);
  if (!pattern) return;
  await browser.permissions.remove({ origins: [pattern] });
}
