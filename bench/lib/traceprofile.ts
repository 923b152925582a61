import type { CDPSession } from 'playwright-core';
import { collectTrace } from './trace';

interface Node {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; scriptId?: number; lineNumber?: number };
}
interface ChunkEvent {
  name: string;
  pid: number;
  id?: string;
  args?: { data?: { cpuProfile?: { nodes?: Node[]; samples?: number[] }; timeDeltas?: number[] } };
}

export interface ScriptHot {
  fn: string;
  selfMs: number;
  totalMs: number;
}

/**
 * A CPU profile of one script across navigations: Chrome's tracing profiler (the one DevTools'
 * Performance panel uses) runs while `action` does, and the samples whose stack holds a frame from
 * `urlPrefix` are summed by function, self and total. A page-level `Profiler` session would be lost on
 * navigation; the trace is not. The sampling interval is the tracing profiler's (about 0.1 ms).
 */
export async function profileScript(
  cdp: CDPSession,
  urlPrefix: string,
  action: () => Promise<void>,
): Promise<{ hot: ScriptHot[]; totalMs: number }> {
  const events = await collectTrace<ChunkEvent>(
    cdp,
    ['disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.cpu_profiler.hires', 'v8.execute'],
    action,
  );
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  const byProfile = new Map<string, ChunkEvent[]>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.id}`;
    byProfile.set(key, [...(byProfile.get(key) ?? []), e]);
  }
  for (const chunks of byProfile.values()) {
    const nodes = new Map<number, Node>();
    for (const c of chunks) {
      const data = c.args?.data;
      for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
      const samples = data?.cpuProfile?.samples ?? [];
      const deltas = data?.timeDeltas ?? [];
      for (let i = 0; i < samples.length; i++) {
        const dt = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
        const stack: Node[] = [];
        for (let n = nodes.get(samples[i] as number); n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) stack.push(n);
        const url = (n: Node) => n.callFrame.url ?? '';
        if (!stack.some((n) => url(n).startsWith(urlPrefix))) continue;
        all += dt;
        const name = (n: Node) =>
          `${n.callFrame.functionName || '(anonymous)'}${url(n).startsWith(urlPrefix) ? '' : ` [${url(n).replace(/^.*\//, '') || 'native'}]`}`;
        const leaf = stack[0] as Node;
        self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
        for (const fn of new Set(stack.map(name))) total.set(fn, (total.get(fn) ?? 0) + dt);
      }
    }
  }
  const hot = [...total.entries()].map(([fn, t]) => ({ fn, totalMs: t, selfMs: self.get(fn) ?? 0 })).sort((a, b) => b.totalMs - a.totalMs);
  return { hot, totalMs: all };
}
