/**
 * Reading a list of reports one after another, in order, with the next report's request already in
 * the polite fetcher's queue while this one is read: the fetcher keeps the requests spaced as it
 * must, and the reading happens during the delay rather than after it. A run stopped (`signal`) or
 * resumed later (the same list, from where it stopped) reads each report once.
 */
import type { ReportRecord } from '../record/schema';
import type { Got } from './polite';
import { type ReportDeps, type ReportTarget, readReport } from './report';

export interface RunOptions {
  /** Stops the run: the record being read is not delivered, `readReports` rejects with the reason. */
  signal?: AbortSignal;
}

/** Read every target in order; `onRecord(i, record)` gets each (awaited before the next is delivered). */
export async function readReports(
  targets: ReportTarget[],
  deps: ReportDeps,
  onRecord: (index: number, record: ReportRecord) => void | Promise<void>,
  opts: RunOptions = {},
): Promise<void> {
  const ahead = new Map<string, Promise<Got>>();
  const get: ReportDeps['get'] = (url, o) => {
    const early = ahead.get(url);
    ahead.delete(url);
    return early ?? deps.get(url, o);
  };
  const ask = (url: string) => {
    if (ahead.has(url)) return;
    const early = deps.get(url);
    early.catch(() => undefined); // an aborted run: the reason comes from the record being read
    ahead.set(url, early);
  };
  for (const [i, target] of targets.entries()) {
    opts.signal?.throwIfAborted();
    // This report's request first, then the next one's behind it in the fetcher's queue.
    ask(target.url);
    const next = targets[i + 1];
    if (next && next.url !== target.url) ask(next.url);
    const record = await readReport(target, { ...deps, get });
    opts.signal?.throwIfAborted();
    await onRecord(i, record);
  }
}
