/** A tab's writes to the history are limited: a page that pushes state every 100 ms stores a few records a minute, and the last reading is never lost. */
import { describe, expect, it } from 'vitest';
import { HistorySaves, MAX_WAITING, PER_MINUTE, SAME_REPORT_MS, type SaveClock } from '../../entrypoints/background/saves';
import type { ReportRecord } from '../../lib';

/** A clock the test moves by hand, with its pending timers. */
function manualClock(): SaveClock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    after(fn, ms) {
      const t = { at: now + ms, fn };
      timers.push(t);
      return () => {
        timers = timers.filter((x) => x !== t);
      };
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.fn();
      }
      now = end;
    },
  };
}

const reading = (agency: string, n: number): ReportRecord => ({
  schemaVersion: 1,
  source: { url: `http://www.a.gov.cn/r.html?p=${n}`, title: agency, capturedAt: new Date(n * 100).toISOString(), kind: 'html' },
  report: { isReport: true, isTemplate: false, agency, year: 2023, formatVersion: '2021' },
  tables: {},
  findings: [],
  derived: {},
});

describe('a tab’s saves', () => {
  it('store the same report at most once every 20 s however often it is read, and the last reading in the end', () => {
    const clock = manualClock();
    const written: ReportRecord[] = [];
    const times: number[] = [];
    const saves = new HistorySaves(async (r) => {
      written.push(r);
      times.push(clock.now());
    }, clock);
    // A page that calls history.pushState every 100 ms for three minutes: 1,800 readings of one report.
    for (let n = 0; n < 1800; n++) {
      saves.offer(7, reading('甲局', n));
      clock.advance(100);
    }
    expect(written.length).toBeLessThanOrEqual(1 + (3 * 60_000) / SAME_REPORT_MS);
    for (const t of times) expect(times.filter((x) => x >= t && x < t + 60_000).length).toBeLessThanOrEqual(60_000 / SAME_REPORT_MS);
    expect(written[0]?.source.url).toBe('http://www.a.gov.cn/r.html?p=0');
    clock.advance(SAME_REPORT_MS);
    expect(written.at(-1)?.source.url).toBe('http://www.a.gov.cn/r.html?p=1799');
    // Nothing more waits: no write without a new reading.
    const count = written.length;
    clock.advance(5 * 60_000);
    expect(written).toHaveLength(count);
  });

  it('store at most a few records a minute when every reading is a different report, the newest ones kept', () => {
    const clock = manualClock();
    const written: ReportRecord[] = [];
    const saves = new HistorySaves(async (r) => void written.push(r), clock);
    for (let n = 0; n < 590; n++) {
      saves.offer(7, reading(`第${n}局`, n));
      clock.advance(100);
    }
    // In any minute, at most PER_MINUTE writes.
    const times: number[] = [];
    const clock2 = manualClock();
    const saves2 = new HistorySaves(async () => void times.push(clock2.now()), clock2);
    for (let n = 0; n < 1200; n++) {
      saves2.offer(1, reading(`第${n}局`, n));
      clock2.advance(100);
    }
    clock2.advance(120_000);
    for (const t of times) expect(times.filter((x) => x >= t && x < t + 60_000).length).toBeLessThanOrEqual(PER_MINUTE);
    expect(written.length).toBeLessThanOrEqual(PER_MINUTE);
    clock.advance(10 * 60_000);
    // What waited is written once the limits allow; the very last reading is among it.
    expect(written.length).toBeLessThanOrEqual(PER_MINUTE + MAX_WAITING);
    expect(written.at(-1)?.report.agency).toBe('第589局');
  });

  it('write a new report at once, and do not make a quiet tab wait', () => {
    const clock = manualClock();
    const written: string[] = [];
    const saves = new HistorySaves(async (r) => void written.push(r.report.agency as string), clock);
    saves.offer(1, reading('甲局', 0));
    saves.offer(1, reading('乙局', 1));
    saves.offer(2, reading('甲局', 2));
    expect(written).toEqual(['甲局', '乙局', '甲局']);
    clock.advance(SAME_REPORT_MS);
    saves.offer(1, reading('甲局', 3));
    expect(written).toHaveLength(4);
  });
});
