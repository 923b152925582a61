/**
 * Tabs already open when the extension arrives (installed, updated) or a site is switched on: they
 * are looked at now, not at their next load.
 */
import { browser } from 'wxt/browser';

/** What the background does to a loaded tab it may read: look at its frames. */
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
