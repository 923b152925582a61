/**
 * The wait for a report whose body arrives after the page's load (a body loaded by script, a frame
 * loaded later): one schedule for the background's repeated looks, and one watch on the page for the
 * loader and the reader, which look again when the page has been quiet for a moment. No imports: the
 * loader, which every frame of a tab without the page's world gets, carries it.
 */

/** How long anyone keeps looking: a body that arrives later than this after the load is not seen. */
export const LATE_BODY_MS = 20_000;

/** When the background looks again at frames that are not reports yet, in ms after its first look. */
export const RELOOK_MS = [1_000, 3_000, 8_000, LATE_BODY_MS] as const;

/** Quiet time after the page's last change before a watch looks again. */
export const SETTLE_MS = 300;

/** Start a timer, get its cancel: plain timers, or a lifetime's that end with it (the reader's scope). */
export type After = (fn: () => void, ms: number) => () => void;

const plainAfter: After = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

export interface WatchHandlers {
  /** The page changed and has been quiet for `settleMs` since: look again. */
  settled(): void;
  /** `budgetMs` passed; the watch has stopped. */
  expired(): void;
}

/**
 * Watch `root` for changes (a MutationObserver, debounced) until the returned stop is called or the
 * budget runs out; either way the observer is disconnected and no timer is left.
 */
export function watchPage(
  root: Node,
  on: WatchHandlers,
  { settleMs = SETTLE_MS, budgetMs = LATE_BODY_MS }: { settleMs?: number; budgetMs?: number } = {},
  after: After = plainAfter,
): () => void {
  let cancelSettle = () => {};
  const observer = new MutationObserver(() => {
    cancelSettle();
    cancelSettle = after(on.settled, settleMs);
  });
  const stop = () => {
    observer.disconnect();
    cancelSettle();
    cancelBudget();
  };
  const cancelBudget = after(() => {
    stop();
    on.expired();
  }, budgetMs);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return stop;
}
