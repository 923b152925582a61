/** Chrome traces over CDP, and the two figures the bench reads from them. */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; scriptName?: string }; fileName?: string };
}

/** Run `action` under a trace of `categories` and return its events. A trace survives navigations. */
export async function collectTrace(cdp: CDPSession, categories: string[], action: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: categories } });
  try {
    await action();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

export const SCRIPT_CATEGORIES = ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'];

/**
 * Main-thread time in the extension's code (ms): every evaluation of and call into a
 * `chrome-extension://` script (compiling and running it, timers, events), outermost spans only,
 * and evaluations of and calls into scripts without a URL: what `scripting.executeScript({ world:
 * 'MAIN', func })` runs has none. Playwright's own scripts must not run meanwhile (they have none either).
 */
export function extensionTime(events: TraceEvent[]): number {
  const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.data?.scriptName ?? e.args?.fileName ?? '';
  const spans = events
    .filter(
      (e) =>
        e.ph === 'X' && e.dur !== undefined && /^(EvaluateScript|FunctionCall|v8\.run|v8\.compile|TimerFire|EventDispatch)$/.test(e.name),
    )
    .filter((e) => {
      const url = urlOf(e);
      // Events and timers without a URL are the page's own.
      return url ? url.startsWith('chrome-extension://') : e.name === 'EvaluateScript' || e.name === 'FunctionCall';
    })
    .sort((a, b) => a.ts - b.ts);
  let total = 0;
  const endByThread = new Map<string, number>();
  for (const e of spans) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ts < (endByThread.get(key) ?? -1)) continue;
    total += e.dur as number;
    endByThread.set(key, e.ts + (e.dur as number));
  }
  return total / 1000;
}

export const TASK_CATEGORIES = ['disabled-by-default-devtools.timeline', 'blink.user_timing'];

/**
 * The longest task (ms) on the main thread of the renderer that set the user-timing mark `until`,
 * among the tasks that started between that thread's last `loadEventEnd` before the mark and the
 * mark (the page's own parsing, which the load ends, is not counted).
 */
export function longestTask(events: TraceEvent[], until: string): number {
  const end = events.find((e) => e.name === until);
  if (!end) return Number.NaN;
  const onThread = (e: TraceEvent) => e.pid === end.pid && e.tid === end.tid;
  const load = events.filter((e) => e.name === 'loadEventEnd' && onThread(e) && e.ts <= end.ts).at(-1);
  if (!load) return Number.NaN;
  let longest = 0;
  for (const e of events)
    if (e.name === 'RunTask' && e.ph === 'X' && onThread(e) && e.ts >= load.ts && e.ts <= end.ts)
      longest = Math.max(longest, (e.dur ?? 0) / 1000);
  return longest;
}
