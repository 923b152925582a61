import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; scriptName?: string }; fileName?: string };
}

/** Run `action` under a Chrome trace of the given categories and return the trace's events. */
export async function collectTrace<T>(cdp: CDPSession, categories: string[], action: () => Promise<void>): Promise<T[]> {
  const events: T[] = [];
  const onData = (e: { value: object[] }) => events.push(...(e.value as T[]));
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

/**
 * Run `action` (a navigation) under a Chrome trace and return the main-thread time spent in scripts
 * whose URL starts with `urlPrefix`: the content script's evaluation (compile + run) and every callback
 * into it afterwards (timers, events, messages). Nested events are counted once. Milliseconds.
 * The trace survives the navigation, which a page-level profiler session would not. With `urlless`,
 * evaluations of and calls into scripts without a URL count too: functions an extension runs in the
 * page's own world (`scripting.executeScript({ world: 'MAIN', func })`).
 */
export async function scriptTimeDuring(
  cdp: CDPSession,
  urlPrefix: string,
  action: () => Promise<void>,
  opts: { urlless?: boolean } = {},
): Promise<number> {
  const events = await collectTrace<TraceEvent>(cdp, ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'], action);
  const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.data?.scriptName ?? e.args?.fileName ?? '';
  const spans = events
    .filter(
      (e) =>
        e.ph === 'X' && e.dur !== undefined && /^(EvaluateScript|FunctionCall|v8\.run|v8\.compile|TimerFire|EventDispatch)$/.test(e.name),
    )
    .filter((e) => {
      const url = urlOf(e);
      if (url) return url.startsWith(urlPrefix);
      // A function an extension runs in the page's world has no URL (nor has an event or timer,
      // which carry none: only evaluations and calls count).
      return opts.urlless === true && (e.name === 'EvaluateScript' || e.name === 'FunctionCall');
    })
    .sort((a, b) => a.ts - b.ts);
  // Count only outermost spans per thread.
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

export async function newCdp(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}
