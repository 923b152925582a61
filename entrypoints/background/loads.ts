/**
 * A tab's loads. Nothing heavier than a timer while a page loads (the browser shares its cores with
 * it; the badge of the page before is the browser's to reset on navigation). Once it has loaded, or
 * stalled: what the tab's frames held for another page is dropped (a reload of the same address
 * keeps the top frame's report until the page reports again), then its frames are looked at.
 */
import { browser } from 'wxt/browser';
import { pageUrl } from '@/utils/page-url';
import { siteEnabled } from '@/utils/sites';
import { refreshBadge } from './badge';
import type { Looks } from './looks';
import { type TabFrames, tabStore } from './tabs';
import { TabTimers } from './timers';

/**
 * A tab whose page has not finished loading this long after it started is treated as loaded (a
 * stalled image or a script that never answers must not keep the panel away).
 */
const STALLED_MS = 3000;

export class TabLoads {
  private readonly stalled = new TabTimers();
  /** Tabs that started loading another document and have not been tidied since. */
  private readonly navigated = new Set<number>();
  /**
   * Tabs this worker knows hold no report (and so show no badge): a load there has nothing to tidy,
   * and is spared the storage reads and writes. A worker that has just started knows none.
   */
  private readonly tidy = new Set<number>();
  /** Reports received per tab, to tell whether one came in while the tab was being tidied. */
  private readonly reports = new Map<number, number>();

  constructor(private readonly looks: Looks) {}

  /** A frame of the tab reported: the tab holds a report now. */
  reported(tabId: number): void {
    this.tidy.delete(tabId);
    this.reports.set(tabId, (this.reports.get(tabId) ?? 0) + 1);
  }

  /** The tab started loading a document; `url` is only known on sites the extension may read. */
  loading(tabId: number, url: string | undefined): void {
    this.navigated.add(tabId);
    this.looks.forget(tabId);
    if (!url) return;
    // Also a net for a "complete" that never reached us (injecting twice does nothing).
    this.stalled.set(
      tabId,
      () =>
        void browser.tabs.get(tabId).then(
          (t) => this.loaded(tabId, t.url),
          () => undefined,
        ),
      STALLED_MS,
    );
  }

  /**
   * The tab has loaded (or stalled): drop what its frames held for another page, then look at its
   * frames. Runs after the load, so it never delays a page's load.
   */
  async loaded(tabId: number, url: string | undefined): Promise<void> {
    this.stalled.cancel(tabId);
    // Once per load: a stalled tab that completes later keeps what its frames reported meanwhile.
    // Queued, not awaited: tab updates run one after another, so this one comes before any report
    // of the page's frames (they can only report once the reader is in).
    if (this.navigated.delete(tabId) && !this.tidy.has(tabId)) {
      const now = pageUrl(url);
      const before = this.reports.get(tabId) ?? 0;
      void tabStore
        .update(tabId, (f): TabFrames => {
          const top = f['0'];
          return top && pageUrl(top.source.url) === now ? { 0: top } : {};
        })
        .then(async (kept) => {
          await refreshBadge(tabId);
          if (Object.keys(kept).length === 0 && (this.reports.get(tabId) ?? 0) === before) this.tidy.add(tabId);
        });
    }
    if (await siteEnabled(url)) await this.looks.look(tabId);
  }

  /** The tab closed: forget all of it. */
  removed(tabId: number): void {
    this.stalled.cancel(tabId);
    this.looks.drop(tabId);
    this.navigated.delete(tabId);
    this.tidy.delete(tabId);
    this.reports.delete(tabId);
    void tabStore.remove(tabId);
  }
}
