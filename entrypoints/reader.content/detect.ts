/** Reading the page: the cheap test first, the full analysis only when it says "maybe". */
import { type Analysis, analyzeSteps, inSlices, type ReportRecord, recheckSteps, SLICE_MS, type Steps } from '@/lib';
import { LATE_BODY_MS, SETTLE_MS, watchPage } from '@/utils/late-body';
import { yieldToPage } from '@/utils/pause';
import type { Scope } from './scope';

export interface Reading {
  analysis: Analysis;
  /** Time spent reading, all slices together (ms). */
  ms: number;
  /** The longest the page was held at once (ms). */
  longestMs?: number;
}

/**
 * Read the page in time slices. Resolves with the reading, or null when `scope` ended meanwhile (the
 * page navigated, the extension was reloaded); never rejects: anything thrown becomes a finding of a
 * record that still shows.
 */
export function readPage(scope: Scope, doc: Document, url: string, previous?: ReportRecord): Promise<Reading | null> {
  return inPageSlices(scope, url, doc.title.trim(), () => analyzeSteps(doc, { url, ...(previous ? { previous } : {}) }));
}

/**
 * A reading checked against last year's record (or none): only the checks run again, in time slices;
 * the page is not read again. Resolves like `readPage`.
 */
export async function recheckPage(scope: Scope, reading: Reading, previous?: ReportRecord): Promise<Reading | null> {
  const { record } = reading.analysis;
  const r = await inPageSlices(scope, record.source.url, record.source.title, () => recheckSteps(reading.analysis, previous));
  return r && { ...r, ms: r.ms + reading.ms, longestMs: Math.max(r.longestMs ?? 0, reading.longestMs ?? 0) };
}

/** Run `steps` in the page's time slices; `url` and `title` name the record shown if they throw. */
async function inPageSlices(scope: Scope, url: string, title: string, steps: () => Steps<Analysis>): Promise<Reading | null> {
  const t0 = performance.now();
  try {
    const sliced = await inSlices(steps(), {
      budgetMs: SLICE_MS,
      now: () => performance.now(),
      pause: yieldToPage,
      alive: () => scope.alive,
    });
    if (!sliced.value) return null;
    return { analysis: sliced.value, ms: sliced.busyMs, longestMs: sliced.longestMs };
  } catch (e) {
    const record: ReportRecord = {
      schemaVersion: 1,
      source: { url, title, capturedAt: new Date().toISOString(), kind: 'html' },
      report: { isReport: true, isTemplate: false, formatVersion: 'unknown' },
      tables: {},
      findings: [
        {
          id: 'extension.error:page',
          rule: 'extension.error',
          status: 'na',
          severity: 'error',
          message: `核查这个页面时出错，没有结果：${e instanceof Error ? e.message : String(e)}`,
          cells: [],
        },
      ],
      derived: {},
    };
    return { analysis: { record, elements: new Map(), tables: [], body: null }, ms: performance.now() - t0 };
  }
}

/** A page worth showing: a report (a template, a list page or an unrelated page is not). */
export const isShowable = (r: Reading): boolean => r.analysis.record.report.isReport;

export interface WatchOptions {
  /** Quiet time after the last DOM change before looking again. */
  debounceMs?: number;
  /** How long to keep watching for a body that arrives late. */
  budgetMs?: number;
}

/**
 * Look for a report now and, if there is none yet, whenever the page has changed and settled, until
 * one appears or the time budget runs out (utils/late-body.ts); the watch stops either way. One
 * attempt runs at a time (an attempt reads in slices, so the page may change during one); changes
 * meanwhile ask for one more when it ends. Resolves with the reading, or null when the budget ran
 * out or the scope ended.
 */
export function watchForReport(
  scope: Scope,
  doc: Document,
  attempt: () => Promise<Reading | null>,
  { debounceMs = SETTLE_MS, budgetMs = LATE_BODY_MS }: WatchOptions = {},
): { done: Promise<Reading | null>; stop: () => void } {
  let settle: (r: Reading | null) => void = () => {};
  const done = new Promise<Reading | null>((resolve) => {
    settle = resolve;
  });
  let finished = false;
  let busy = false;
  let again = false;
  const stop = (result: Reading | null) => {
    if (finished) return;
    finished = true;
    unwatch();
    settle(result);
  };
  const look = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const r = await attempt();
        if (finished) return;
        if (r) return stop(r);
      } while (again);
    } catch {
      // an attempt that fails is a page that is not (yet) a report; the next change asks again
    } finally {
      busy = false;
    }
  };
  const after = (fn: () => void, ms: number) => {
    const id = scope.timeout(fn, ms);
    return () => scope.clearTimeout(id);
  };
  const unwatch = watchPage(
    doc.documentElement,
    { settled: () => void look(), expired: () => stop(null) },
    { settleMs: debounceMs, budgetMs },
    after,
  );
  scope.add(() => stop(null));
  void look();
  return { done, stop: () => stop(null) };
}
