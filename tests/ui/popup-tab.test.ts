/** What the popup makes of a tab whose frame looked like a report but whose reader never answers. */
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { askTab, STUCK_MS } from '../../entrypoints/popup/tab';

type Listener = Parameters<typeof fakeBrowser.runtime.onMessage.addListener>[0];

/** The background's answer to the popup's status question; no frame answers (tabs.sendMessage fails here). */
function background(status: string): void {
  const listener = (m: unknown) => ((m as { type?: string }).type === 'nianbao:status' ? Promise.resolve(status) : undefined);
  fakeBrowser.runtime.onMessage.addListener(listener as Listener);
}

afterEach(() => fakeBrowser.reset());

describe('a tab whose reader never answers', () => {
  it('is still looking at first, and could not be checked once the reader has had its time', async () => {
    background('report');
    expect(await askTab(1, 'http://www.a.gov.cn/r.html', 0)).toEqual({ kind: 'searching' });
    expect(await askTab(1, 'http://www.a.gov.cn/r.html', STUCK_MS)).toEqual({ kind: 'failed', record: null });
  });

  it('is not a failure while the background is still looking for a late body', async () => {
    background('searching');
    expect(await askTab(1, 'http://www.a.gov.cn/r.html', 10 * STUCK_MS)).toEqual({ kind: 'searching' });
  });
});

describe('a listing tab', () => {
  it('is still looking while the background found a listing and its reader has not answered', async () => {
    background('listing');
    expect(await askTab(1, 'http://www.a.gov.cn/nb/index.html', 10 * STUCK_MS)).toEqual({ kind: 'searching' });
  });

  it('is the listing the top frame offers, once its reader answers', async () => {
    const listing = { url: 'http://www.a.gov.cn/nb/index.html', count: 3, years: [{ year: 2023, count: 3 }], hasPager: false };
    const sent: unknown[] = [];
    const saved = fakeBrowser.tabs.sendMessage;
    fakeBrowser.tabs.sendMessage = (async (_tab: number, m: { type: string }) => {
      sent.push(m.type);
      if (m.type === 'nianbao:ping') return { status: 'listing', url: listing.url, shown: true, pageReads: 1 };
      if (m.type === 'nianbao:listing') return listing;
      throw new Error('no frame answers');
    }) as unknown as typeof fakeBrowser.tabs.sendMessage;
    try {
      expect(await askTab(1, listing.url, 0)).toEqual({ kind: 'listing', listing });
      expect(sent).toEqual(['nianbao:get', 'nianbao:ping', 'nianbao:listing']);
    } finally {
      fakeBrowser.tabs.sendMessage = saved;
    }
  });
});
