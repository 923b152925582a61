/** Verdicts are kept per report, whatever address it was read at, and only valid ones are read back. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ReportRecord } from '../../lib';
import { canonicalUrl, reportIdentity } from '../../utils/history/identity';
import { countReviews } from '../../utils/reviews/count';
import { loadReviews, setReview, watchReviews, withReviews } from '../../utils/reviews/store';

beforeEach(() => fakeBrowser.reset());

const record = (url: string, report: Partial<ReportRecord['report']> = {}): ReportRecord => ({
  schemaVersion: 1,
  source: { url, title: 't', capturedAt: '2026-01-01T00:00:00.000Z', kind: 'html' },
  report: { isReport: true, isTemplate: false, formatVersion: '2021', ...report },
  tables: {},
  findings: [],
  derived: {},
});

describe('a report’s identity', () => {
  it('drops the fragment and tracking parameters and orders the rest', () => {
    expect(canonicalUrl('http://www.a.gov.cn/ndbg/x.html?from=search#p2')).toBe('http://www.a.gov.cn/ndbg/x.html');
    expect(canonicalUrl('http://www.a.gov.cn/d.jsp?utm_source=wx&id=12&cat=3')).toBe('http://www.a.gov.cn/d.jsp?cat=3&id=12');
    expect(canonicalUrl('not a url#x')).toBe('not a url');
  });

  it('is the body and year when the page says both, else the canonical address', () => {
    const a = record('http://www.a.gov.cn/x.html?from=search', { agency: '南湖区 人民政府办公室', year: 2023 });
    const b = record('http://www.a.gov.cn/mirror/x.pdf', { agency: '南湖区人民政府办公室', year: 2023 });
    expect(reportIdentity(a)).toBe('report:南湖区人民政府办公室|2023');
    expect(reportIdentity(b)).toBe(reportIdentity(a));
    expect(reportIdentity(record('http://www.a.gov.cn/x.html#top', { isReport: false }))).toBe('url:http://www.a.gov.cn/x.html');
  });
});

describe('verdicts', () => {
  const at = '2026-03-01T10:00:00.000Z';

  it('are stored under nianbao:review:<identity>, taken back with null, and the key goes with the last one', async () => {
    await setReview('report:甲|2023', 't3.balance:total', { status: 'confirmed', note: '已核实', at });
    await setReview('report:甲|2023', 'narrative.newReceived:1', { status: 'dismissed', at });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      'nianbao:review:report:甲|2023': {
        't3.balance:total': { status: 'confirmed', note: '已核实', at },
        'narrative.newReceived:1': { status: 'dismissed', at },
      },
    });
    await setReview('report:甲|2023', 't3.balance:total', null);
    await setReview('report:甲|2023', 'narrative.newReceived:1', null);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('that do not validate are skipped when read, the valid ones kept', async () => {
    await fakeBrowser.storage.local.set({
      'nianbao:review:x': { a: { status: 'confirmed', at }, b: { status: 'maybe', at }, c: 'junk' },
    });
    expect(await loadReviews('x')).toEqual({ a: { status: 'confirmed', at } });
  });

  it('are followed when another part of the extension changes them', async () => {
    const heard = vi.fn();
    const stop = watchReviews('x', heard);
    await setReview('x', 'a', { status: 'dismissed', at });
    await vi.waitFor(() => expect(heard).toHaveBeenCalledWith({ a: { status: 'dismissed', at } }));
    stop();
  });

  it('are counted and attached to the exported record', () => {
    const r = record('http://a.gov.cn/');
    r.findings = [
      { id: 'a', rule: 'x', status: 'fail', severity: 'error', message: '', cells: [] },
      { id: 'b', rule: 'x', status: 'fail', severity: 'warning', message: '', cells: [] },
      { id: 'c', rule: 'x', status: 'fail', severity: 'warning', message: '', cells: [] },
    ];
    const reviews = {
      a: { status: 'confirmed' as const, at },
      b: { status: 'dismissed' as const, at },
      gone: { status: 'confirmed' as const, at },
    };
    expect(countReviews(r.findings, reviews)).toEqual({ confirmed: 1, dismissed: 1 });
    expect(withReviews(r, reviews).review).toEqual(reviews);
    expect(withReviews(r, {})).toBe(r);
  });
});
