/**
 * Opening one of our pages (the attachment page, the workbench) in a new tab right after the tab
 * that asked for it, as its opener: from an extension page with the tabs API, or from the
 * background for a content script (which has none).
 */
import { browser } from 'wxt/browser';

/** The tab a new one opens after (a sender's tab, a queried one). */
export interface Beside {
  id?: number;
  index?: number;
}

/** Open `url` in a new tab after `beside`. Needs the tabs API. */
export async function openBeside(url: string, beside?: Beside): Promise<void> {
  await browser.tabs.create({
    url,
    ...(beside?.index !== undefined ? { index: beside.index + 1 } : {}),
    ...(beside?.id !== undefined ? { openerTabId: beside.id } : {}),
  });
}

/** The tabs API where this context has one (an extension page, the background); undefined in a content script. */
export function tabsApi(): typeof browser.tabs | undefined {
  const tabs = (browser as { tabs?: typeof browser.tabs }).tabs;
  return typeof tabs?.create === 'function' ? tabs : undefined;
}

/** The tab to open beside: `tabId`'s when given and still open, else the current tab. */
export async function besideTab(tabs: typeof browser.tabs, tabId?: number): Promise<Beside | undefined> {
  const given = tabId === undefined ? undefined : await tabs.get(tabId).catch(() => undefined);
  if (given) return given;
  const [current] = await tabs.query({ active: true, currentWindow: true });
  return current;
}
