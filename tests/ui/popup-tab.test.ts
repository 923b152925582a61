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
