/** Reading the page: the cheap test first, the full analysis only when it says "maybe". */
import { type Analysis, analyze, type ReportRecord } from '@/lib';
import type { Scope } from './scope';

export interface Reading {
  analysis: Analysis;
  ms: number;
}

/** An analysis that cannot fail: anything thrown becomes a finding of a record that still shows. */
export function readPage(doc: Document, url: string, previous?: ReportRecord): Reading {
  const t0 = performance.now();
  try {
    const analysis = analyze(doc, { url, ...(previous ? { previous } : {}) });
    return { analysis, ms: performance.now() - t0 };
  } catch (e) {
    const record: ReportRecord = {
      schemaVersion: 1,
      source: { url, title: doc.title.trim(), capturedAt: new Date().toISOString() },
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
 * Look for a report now and, if there is none yet, whenever the page changes (debounced) until one
 * appears or the time budget runs out; the observer is disconnected either way. Resolves with the
 * reading, or null when the budget ran out or the scope ended.
 */
export function watchForReport(
  scope: Scope,
  doc: Document,
  attempt: () => Reading | null,
  { debounceMs = 300, budgetMs = 20_000 }: WatchOptions = {},
): { done: Promise<Reading | null>; stop: () => void } {
  let settle: (r: Reading | null) => void = () => {};
  const done = new Promise<Reading | null>((resolve) => {
    settle = resolve;
  });
  const first = attempt();
  if (first) {
    settle(first);
    return { done, stop: () => {} };
  }
  let timer: number | undefined;
  const observer = new MutationObserver(() => {
    scope.clearTimeout(timer);
    timer = scope.timeout(() => {
      const r = attempt();
      if (r) stop(r);
    }, debounceMs);
  });
  const budget = scope.timeout(() => stop(null), budgetMs);
  const stop = (result: Reading | null) => {
    observer.disconnect();
    scope.clearTimeout(timer);
    scope.clearTimeout(budget);
    settle(result);
  };
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  scope.add(() => stop(null));
  return { done, stop: () => stop(null) };
}
