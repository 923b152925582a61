/**
 * Reading the page in time slices, so the page keeps drawing: the full analysis, or only the checks
 * again with last year's record. Whatever throws becomes a finding of a record that still shows.
 */
import { type Analysis, analyzeSteps, inSlices, type ReportRecord, recheckSteps, SLICE_MS, type Steps } from '@/lib';
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

/**
 * A page worth showing: a report, or a page whose report is in the file it links (the panel offers
 * to check it); a template, a list page or an unrelated page is not.
 */
export const isShowable = (r: Reading): boolean =>
  r.analysis.record.report.isReport || (r.analysis.record.source.attachments?.length ?? 0) > 0;
