/**
 * Work cut into steps. A generator that `yield`s between pieces of work (a table read, a rule run)
 * can be run to the end at once (`drain`: the command line, the tests) or in time slices that give
 * the page a turn between them (`inSlices`: the content script, so that reading a big report cold
 * does not hold the page for several frames). The scheduling itself comes from the caller: this
 * module touches no timer and no global.
 */
export type Steps<T> = Generator<void, T, void>;

/**
 * The content script's slice budget (ms). A big report read cold takes tens of milliseconds (the
 * JavaScript engine interprets code it has not compiled yet); in slices of about this, plus one step
 * at most, the page keeps drawing and answering input meanwhile.
 */
export const SLICE_MS = 5;

/** Table rows read per step by the table readers (a step of 表三 cold is then a few ms at most). */
export const ROWS_PER_STEP = 6;

/** Run every step now and return the result. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface SliceOptions {
  /** Start no new step once a slice has run this long (ms). */
  budgetMs: number;
  /** A clock in ms (`performance.now`). */
  now: () => number;
  /** Give the page a turn: resolves when the next slice may start (e.g. `scheduler.yield()`). */
  pause: () => Promise<void>;
  /** Asked before each slice: false stops the work (the result is then `undefined`). */
  alive?: () => boolean;
}

export interface Sliced<T> {
  /** The result, or undefined when `alive` said stop. */
  value: T | undefined;
  /** Time spent in steps, all slices together (ms). */
  busyMs: number;
  /** The longest slice (ms): how long the page was held at most. */
  longestMs: number;
  slices: number;
}

/**
 * Run the steps in slices of about `budgetMs`, pausing between slices. A slice always runs at least
 * one step, so the longest slice is at most the budget plus the longest step. An exception thrown
 * by a step rejects the promise.
 */
export async function inSlices<T>(steps: Steps<T>, { budgetMs, now, pause, alive = () => true }: SliceOptions): Promise<Sliced<T>> {
  let busyMs = 0;
  let longestMs = 0;
  let slices = 0;
  for (;;) {
    if (!alive()) {
      steps.return(undefined as T);
      return { value: undefined, busyMs, longestMs, slices };
    }
    const start = now();
    let step: IteratorResult<void, T>;
    do step = steps.next();
    while (!step.done && now() - start < budgetMs);
    const took = now() - start;
    busyMs += took;
    longestMs = Math.max(longestMs, took);
    slices++;
    if (step.done) return { value: step.value, busyMs, longestMs, slices };
    await pause();
  }
}
