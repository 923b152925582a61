/** Reading in steps: what the content script does so a big report read cold never holds the page for long. */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { analyze, analyzeSteps } from '../../lib/analyze';
import { RULES } from '../../lib/checks';
import { ReportRecord } from '../../lib/record/schema';
import { drain, inSlices, type Steps } from '../../lib/steps';
import { CAPTURED, FIXTURES, failing } from './helpers';

function page(name: string): Document {
  const html = readFileSync(new URL(name, FIXTURES), 'utf8');
  return new JSDOM(html, { url: `http://www.example.gov.cn/${name}` }).window.document;
}

/** A generator of `n` steps that logs each one; its result is `n`. */
function* counted(n: number, log: string[]): Steps<number> {
  try {
    for (let i = 0; i < n; i++) {
      log.push(`step ${i}`);
      if (i < n - 1) yield;
    }
    return n;
  } finally {
    log.push('closed');
  }
}

/** A clock that moves only when told to: each step below advances it by its own cost. */
function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('inSlices', () => {
  it('starts no new step once a slice has used its budget, and pauses between slices', async () => {
    const clock = fakeClock();
    const costs = [3, 3, 3, 9, 1, 1];
    function* work(): Steps<string> {
      for (const [i, c] of costs.entries()) {
        clock.advance(c);
        if (i < costs.length - 1) yield;
      }
      return 'done';
    }
    const pauses: number[] = [];
    const r = await inSlices(work(), {
      budgetMs: 5,
      now: clock.now,
      pause: async () => {
        pauses.push(clock.now());
      },
    });
    // Slices: [3, 3] = 6 (the second step started at 3 < 5), [3, 9] = 12 (budget plus one step), [1, 1] = 2.
    expect(r).toEqual({ value: 'done', busyMs: 20, longestMs: 12, slices: 3 });
    expect(pauses).toEqual([6, 18]);
  });

  it('runs every step in its own slice with a zero budget, and in one slice with a huge one', async () => {
    const log: string[] = [];
    const pause = vi.fn(async () => {});
    const clock = fakeClock();
    const tiny = await inSlices(counted(4, log), { budgetMs: 0, now: clock.now, pause });
    expect(tiny.value).toBe(4);
    expect(tiny.slices).toBe(4);
    expect(pause).toHaveBeenCalledTimes(3);
    const whole = await inSlices(counted(4, []), { budgetMs: 1e9, now: clock.now, pause: vi.fn(async () => {}) });
    expect(whole).toMatchObject({ value: 4, slices: 1 });
  });

  it('stops between slices when no longer wanted, closing the work (its finally runs)', async () => {
    const log: string[] = [];
    let alive = true;
    const r = await inSlices(counted(10, log), {
      budgetMs: 0,
      now: () => 0,
      pause: async () => {
        if (log.length === 2) alive = false;
      },
      alive: () => alive,
    });
    expect(r.value).toBeUndefined();
    expect(log).toEqual(['step 0', 'step 1', 'closed']);
  });

  it('rejects with what a step throws', async () => {
    function* bad(): Steps<void> {
      yield;
      throw new Error('boom');
    }
    await expect(inSlices(bad(), { budgetMs: 0, now: () => 0, pause: async () => {} })).rejects.toThrow('boom');
  });
});

describe('analyzeSteps', () => {
  it('cuts a report into many short steps: each table looked at, each table read, each rule run', () => {
    const doc = page('seed000-plain.html');
    let steps = 0;
    const it = analyzeSteps(doc, { capturedAt: CAPTURED });
    for (let r = it.next(); !r.done; r = it.next()) steps++;
    const tables = doc.getElementsByTagName('table').length;
    expect(tables).toBeGreaterThanOrEqual(3);
    // At least: the three standard tables classified, three readers, the prose, and a pause between rules.
    expect(steps).toBeGreaterThanOrEqual(3 + 3 + 2 + (RULES.length - 1));
  });

  it('an ordinary page ends after looking at its tables, without reading prose or running rules', () => {
    const doc = page('non-report-with-table.html');
    let steps = 0;
    const it = analyzeSteps(doc, { capturedAt: CAPTURED });
    let r = it.next();
    for (; !r.done; r = it.next()) steps++;
    expect(r.value.record.report.isReport).toBe(false);
    expect(steps).toBeLessThan(RULES.length);
  });

  it('read in slices gives the same record as read at once', async () => {
    for (const name of ['seed002-word.html', 'typo-total.html', 'split-t3-three-parts.html']) {
      const once = analyze(page(name), { capturedAt: CAPTURED }).record;
      const sliced = await inSlices(analyzeSteps(page(name), { capturedAt: CAPTURED }), {
        budgetMs: 0,
        now: () => 0,
        pause: () => new Promise((r) => setTimeout(r, 0)),
      });
      expect(sliced.value?.record).toEqual(once);
    }
    expect(failing(analyze(page('typo-total.html'), { capturedAt: CAPTURED }).record).length).toBeGreaterThan(0);
  });

  it('a page that changes between slices (tables removed, text rewritten) still gives a record that passes the schema', async () => {
    for (const name of ['seed001-thead.html', 'seed004-word.html', 'split-t3-three-parts.html']) {
      for (const at of [0, 2, 4, 8, 13, 21]) {
        const doc = page(name);
        let turn = 0;
        const r = await inSlices(analyzeSteps(doc, { capturedAt: CAPTURED }), {
          budgetMs: 0,
          now: () => 0,
          pause: async () => {
            if (turn++ !== at) return;
            for (const t of Array.from(doc.getElementsByTagName('table')).slice(1)) t.remove();
            for (const td of Array.from(doc.getElementsByTagName('td')).slice(0, 20)) td.textContent = '<b>改</b>';
            doc.body.insertAdjacentHTML('afterbegin', '<h1>新的标题</h1>');
          },
        });
        expect(r.value).toBeDefined();
        expect(() => ReportRecord.parse(r.value?.record)).not.toThrow();
      }
    }
  }, 30_000);

  it('drain runs the steps to the end', () => {
    const log: string[] = [];
    expect(drain(counted(3, log))).toBe(3);
    expect(log).toEqual(['step 0', 'step 1', 'step 2', 'closed']);
  });
});
