/**
 * Waiting for a report in this frame: a look now and, while there is none, a look each time the page
 * has changed and settled, until one is found or the wait for a late body is over (utils/late-body.ts).
 */
import { LATE_BODY_MS, SETTLE_MS, watchPage } from '@/utils/late-body';
import type { Reading } from './detect';
import type { Scope } from './scope';

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
