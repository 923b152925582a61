import { writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  /** Samples by source line (1-based) of the function's script, where V8 could tell. */
  positionTicks?: { line: number; ticks: number }[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A line of the bundle, by the share of the line-attributed samples it took. */
export interface HotLine {
  where: string;
  code: string;
  share: number;
}

export interface Hot {
  fn: string;
  /** The source file the function comes from (from the bundle's module comments). */
  where: string;
  selfMs: number;
  totalMs: number;
  selfShare: number;
  totalShare: number;
}

/**
 * Sample `expression` (run repeatedly in the page for about `ms`) with V8's CPU profiler at 50 µs and
 * return the hottest functions by self and by total time, and the hottest lines. `code` is the
 * injected bundle (unminified), which names each line's source file and shows the line. The raw
 * profile is written to `file` (open it in DevTools → Performance).
 */
export async function profileInPage(
  page: Page,
  expression: string,
  ms: number,
  file: string,
  code: string,
): Promise<{ self: Hot[]; total: Hot[]; lines: HotLine[]; sampledMs: number; runs: number }> {
  const sourceOf = bundleSources(code);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const runs = (await page.evaluate(
    `(() => { let n = 0; const end = performance.now() + ${ms}; while (performance.now() < end) { ${expression}; n++; } return n; })()`,
  )) as number;
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await cdp.detach();
  await writeFile(file, JSON.stringify(profile));

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // V8 leaves the url off some frames of optimised code; the script id still says where they are from.
  const urlOfScript = new Map<string, string>();
  for (const n of profile.nodes) if (n.callFrame.url) urlOfScript.set(n.callFrame.scriptId, n.callFrame.url);
  for (const n of profile.nodes) if (!n.callFrame.url) n.callFrame.url = urlOfScript.get(n.callFrame.scriptId) ?? '';
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n: ProfileNode) => {
    const f = n.callFrame;
    const name = f.functionName || '(anonymous)';
    if (!f.url) return { key: name, fn: name, where: '' };
    const where = f.url.endsWith('nianbao-engine.js') ? sourceOf(f.lineNumber + 1) : f.url.replace(/^.*\//, '');
    return { key: `${name}@${where}:${f.lineNumber}`, fn: name, where };
  };
  const self = new Map<string, Hot>();
  const total = new Map<string, Hot>();
  const bump = (m: Map<string, Hot>, n: ProfileNode, dt: number, field: 'selfMs' | 'totalMs') => {
    const k = keyOf(n);
    const h = m.get(k.key) ?? { fn: k.fn, where: k.where, selfMs: 0, totalMs: 0, selfShare: 0, totalShare: 0 };
    h[field] += dt;
    m.set(k.key, h);
  };
  let all = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i] as number);
    if (!leaf) continue;
    all += dt;
    bump(self, leaf, dt, 'selfMs');
    // Total: once per function on the stack, however deep it recurses.
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const k = keyOf(n).key;
      if (seen.has(k)) continue;
      seen.add(k);
      bump(total, n, dt, 'totalMs');
    }
  }
  // By line: where a function's self time goes. Allocation-heavy lines (building objects, maps and
  // sets per cell) show here when no function stands out by itself.
  const codeLines = code.split('\n');
  const lineTicks = new Map<number, number>();
  let ticked = 0;
  for (const n of profile.nodes) {
    if (!n.callFrame.url.endsWith('nianbao-engine.js')) continue;
    for (const t of n.positionTicks ?? []) {
      lineTicks.set(t.line, (lineTicks.get(t.line) ?? 0) + t.ticks);
      ticked += t.ticks;
    }
  }
  const lines = [...lineTicks]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([line, ticks]) => ({
      where: sourceOf(line),
      code: (codeLines[line - 1] ?? '').trim().slice(0, 70),
      share: ticks / (ticked || 1),
    }));
  const finish = (m: Map<string, Hot>, field: 'selfMs' | 'totalMs') =>
    [...m.values()].map((h) => ({ ...h, selfShare: h.selfMs / all, totalShare: h.totalMs / all })).sort((a, b) => b[field] - a[field]);
  const totals = new Map([...total].map(([k, h]) => [k, { ...h, selfMs: self.get(k)?.selfMs ?? 0 }]));
  return { self: finish(self, 'selfMs').slice(0, 15), total: finish(totals, 'totalMs').slice(0, 25), lines, sampledMs: all, runs };
}

/** For an unminified esbuild bundle: line number → the source file of the module that line is in. */
export function bundleSources(code: string): (line: number) => string {
  const starts: { line: number; file: string }[] = [];
  code.split('\n').forEach((l, i) => {
    const m = /^\s*\/\/ ((?:lib|bench|node_modules)\/\S+\.[cm]?[jt]s)$/.exec(l);
    if (m) starts.push({ line: i + 1, file: m[1] as string });
  });
  return (line: number) => {
    let file = '';
    for (const s of starts) {
      if (s.line > line) break;
      file = s.file;
    }
    return file;
  };
}
