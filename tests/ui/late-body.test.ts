/** The one wait for a late body: the background's schedule and the watch the loader and the reader share. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LATE_BODY_MS, RELOOK_MS, SETTLE_MS, watchPage } from '../../utils/late-body';

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('the schedule', () => {
  it('looks again after 1, 3, 8 and 20 s, and the watches give up when the last look is done', () => {
    expect(RELOOK_MS).toEqual([1_000, 3_000, 8_000, 20_000]);
    expect(RELOOK_MS.at(-1)).toBe(LATE_BODY_MS);
    expect(SETTLE_MS).toBe(300);
  });
});

describe('watching the page', () => {
  it('looks again once a burst of changes has settled, then expires and stops', async () => {
    const settled = vi.fn();
    const expired = vi.fn();
    watchPage(document.documentElement, { settled, expired }, { settleMs: 20, budgetMs: 150 });
    for (let i = 0; i < 5; i++) document.body.append(document.createElement('p'));
    await new Promise((r) => setTimeout(r, 60));
    expect(settled).toHaveBeenCalledOnce();
    await new Promise((r) => setTimeout(r, 140));
    expect(expired).toHaveBeenCalledOnce();
    // Expired: changes are no longer heard.
    document.body.append(document.createElement('p'));
    await new Promise((r) => setTimeout(r, 60));
    expect(settled).toHaveBeenCalledOnce();
  });

  it('leaves no timer behind when stopped', async () => {
    const settled = vi.fn();
    const expired = vi.fn();
    const stop = watchPage(document.documentElement, { settled, expired }, { settleMs: 20, budgetMs: 50 });
    document.body.append(document.createElement('p'));
    await Promise.resolve();
    stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(settled).not.toHaveBeenCalled();
    expect(expired).not.toHaveBeenCalled();
  });

  it('takes its timers from the caller, so a lifetime that ends cancels them', () => {
    const started: number[] = [];
    const cancelled: number[] = [];
    const after = (_fn: () => void, ms: number) => {
      started.push(ms);
      return () => cancelled.push(ms);
    };
    const stop = watchPage(document.documentElement, { settled: () => {}, expired: () => {} }, {}, after);
    expect(started).toEqual([LATE_BODY_MS]);
    stop();
    expect(cancelled).toEqual([LATE_BODY_MS]);
  });
});
