/** What the popup knows of the tab it is about: which tab, and what its frames (or the background) say it holds. */
import { browser } from 'wxt/browser';
import type { Current } from '@/components/Popup';
import { isAttachmentPage } from '@/utils/attachment';
import { toBackground, toFrame } from '@/utils/messages';

export interface TargetTab {
  id: number;
  url?: string;
}

/**
 * A frame found to be a report whose reader has not answered for this long after the popup first
 * asked has not started (the page stopped it): the popup says the page could not be checked.
 */
export const STUCK_MS = 8000;

/**
 * The tab the popup is about: the active tab of its window, or `?tab=<id>` (the popup opened as a
 * page of its own, as the end-to-end tests do).
 */
export async function targetTab(): Promise<TargetTab | null> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param) {
    const tab = await browser.tabs.get(Number(param)).catch(() => null);
    return tab?.id === undefined ? null : { id: tab.id, ...(tab.url ? { url: tab.url } : {}) };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, ...(tab.url ? { url: tab.url } : {}) };
}

/**
 * Ask the tab's frames: a frame holding a report answers `get` (a reading that failed is a record
 * whose `extension.error` finding says why); a top frame with the reader (or the loader) answers
 * `ping`; otherwise the background says what its look at the page found, and looks now at a page of
 * a site we read that it has not looked at (still loading, or opened before install). `waitedMs`:
 * how long the popup has been asking.
 */
export async function askTab(tabId: number, url: string | undefined, waitedMs = 0): Promise<Current> {
  // Our attachment page answers as a page's reader does.
  if (url && !/^(https?|file):/.test(url) && !isAttachmentPage(url)) return { kind: 'unsupported' };
  const got = await toFrame(tabId, { type: 'nianbao:get' });
  const ping = await toFrame(tabId, { type: 'nianbao:ping' }, 0);
  if (got?.record) {
    if (got.record.findings.some((f) => f.rule === 'extension.error')) return { kind: 'failed', record: got.record };
    return { kind: 'report', record: got.record, shown: ping?.shown ?? true };
  }
  // A top frame that holds no report and lists reports: the popup offers them as its panel does.
  if (ping?.status === 'listing') {
    const listing = await toFrame(tabId, { type: 'nianbao:listing' }, 0);
    if (listing) return { kind: 'listing', listing };
  }
  const status = ping?.status ?? (await toBackground({ type: 'nianbao:status', tabId, start: true }));
  // Found to be a report, and still no reader answers: it never started.
  if (status === 'report' && !ping && waitedMs >= STUCK_MS) return { kind: 'failed', record: null };
  // A frame found to be a report (or a listing) whose reader has not answered yet counts as still looking.
  if (status === 'searching' || status === 'report' || status === 'listing') return { kind: 'searching' };
  return status === 'none' ? { kind: 'none' } : { kind: 'inactive' };
}
