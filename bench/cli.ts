/**
 * Section 5: the command line's throughput on a folder of generated report pages, run exactly as a
 * user would (`node bin/nianbao.mjs check DIR > /dev/null`) under `/usr/bin/time -v` for its wall time
 * and peak memory; then, in this process, where a page's time goes (jsdom's parse vs analyze).
 */
import { spawn } from 'node:child_process';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPage } from '../cli/load';
import { analyze } from '../lib/analyze';
import type { Report } from './lib/report';
import { fmt, summarize } from './lib/stats';
import { PAGES500 } from './pages';

const TIME = '/usr/bin/time';

async function timed(cmd: string[]): Promise<{ code: number; stderr: string }> {
  const devnull = await open('/dev/null', 'w');
  try {
    const child = spawn(TIME, ['-v', ...cmd], { stdio: ['ignore', devnull.fd, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number>((ok) => child.on('close', (c) => ok(c ?? 1)));
    return { code, stderr };
  } finally {
    await devnull.close();
  }
}

/** "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34" → seconds. */
function wallSeconds(text: string): number {
  const m = /Elapsed \(wall clock\) time \([^)]*\):\s*([\d:.]+)/.exec(text);
  if (!m) return Number.NaN;
  return (m[1] as string).split(':').reduce((s, part) => s * 60 + Number(part), 0);
}

interface Run {
  command: string;
  wallSeconds: number;
  pagesPerSecond: number;
  maxRssMb: number;
  cpuPercent: number;
}

async function measure(command: string[], n: number): Promise<Run | { command: string; failed: string }> {
  const { code, stderr } = await timed(command);
  if (code !== 0 || !/Maximum resident set size/.test(stderr)) {
    const why =
      code === 127 || /No such file/.test(stderr)
        ? `${TIME} missing (apt-get install time)`
        : `exit ${code}: ${stderr.split('\n').slice(-4).join(' ')}`;
    return { command: command.join(' '), failed: why };
  }
  const wall = wallSeconds(stderr);
  return {
    command: command.join(' '),
    wallSeconds: wall,
    pagesPerSecond: n / wall,
    maxRssMb: Number(/Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr)?.[1]) / 1024,
    cpuPercent: Number(/Percent of CPU this job got:\s*(\d+)/.exec(stderr)?.[1]),
  };
}

export async function runCli(report: Report) {
  const files = (await readdir(PAGES500)).filter((f) => f.endsWith('.html')).sort();
  const n = files.length;
  // As a user runs it (a worker thread per core); in one thread; and in one thread with V8's heap
  // capped, which shows what the command really keeps (V8 grows its heap lazily up to its default cap).
  const runs = [
    { what: 'default (a worker per core)', command: ['node', 'bin/nianbao.mjs', 'check', PAGES500] },
    { what: 'one thread', command: ['node', 'bin/nianbao.mjs', 'check', PAGES500, '--jobs', '1'] },
    {
      what: 'one thread, heap capped at 128 MB',
      command: ['node', '--max-old-space-size=128', 'bin/nianbao.mjs', 'check', PAGES500, '--jobs', '1'],
    },
  ];
  const results: (Run | { command: string; failed: string })[] = [];
  for (const { what, command } of runs) {
    const r = await measure(command, n);
    results.push(r);
    if ('failed' in r) {
      report.row('5', `CLI on ${n} pages, ${what}`, `n/a: ${r.failed}`);
      continue;
    }
    report.row(
      '5',
      `CLI, ${n} pages, ${what} (\`${r.command} > /dev/null\`)`,
      `${fmt(r.pagesPerSecond)} pages/s · peak RSS ${fmt(r.maxRssMb)} MB  (${fmt(r.wallSeconds)} s wall, ${r.cpuPercent}% CPU)`,
    );
  }
  const main = results[0];
  if (!main || 'failed' in main) return { runs: results };

  // Where a page's time goes, on a sample, in this process (warm): parsing with jsdom vs the engine.
  const parse: number[] = [];
  const engine: number[] = [];
  const sample = files.filter((_, i) => i % Math.max(1, Math.floor(n / 60)) === 0);
  for (const f of sample) {
    let t = performance.now();
    const { dom, url } = await loadPage(join(PAGES500, f));
    parse.push(performance.now() - t);
    t = performance.now();
    analyze(dom.window.document, { url });
    engine.push(performance.now() - t);
    dom.window.close();
  }
  const p = summarize(parse);
  const e = summarize(engine);
  report.row(
    '5',
    `per page in Node (${sample.length} sampled, warm): jsdom parse · analyze, medians`,
    `${fmt(p.median)} · ${fmt(e.median)} ms`,
  );
  return {
    ...main,
    runs: results,
    pages: n,
    parse: p,
    analyze: e,
  };
}
