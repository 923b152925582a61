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

export async function runCli(report: Report) {
  const files = (await readdir(PAGES500)).filter((f) => f.endsWith('.html')).sort();
  const n = files.length;
  const command = ['node', 'bin/nianbao.mjs', 'check', PAGES500];
  const { code, stderr } = await timed(command);
  if (code !== 0 || !/Maximum resident set size/.test(stderr)) {
    const why =
      code === 127 || /No such file/.test(stderr)
        ? `${TIME} missing (apt-get install time)`
        : `exit ${code}: ${stderr.split('\n').slice(-4).join(' ')}`;
    report.row('5', `CLI on ${n} pages`, `n/a: ${why}`);
    return { command: command.join(' '), failed: why };
  }
  const wall = wallSeconds(stderr);
  const rssKb = Number(/Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr)?.[1]);
  const cpu = Number(/Percent of CPU this job got:\s*(\d+)/.exec(stderr)?.[1]);
  report.row(
    '5',
    `CLI throughput, ${n} pages (\`${command.join(' ')} > /dev/null\`)`,
    `${fmt(n / wall)} pages/s  (${fmt(wall)} s wall, ${cpu}% CPU)`,
  );
  report.row('5', 'CLI peak memory (max RSS)', `${fmt(rssKb / 1024)} MB`);

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
    command: command.join(' '),
    pages: n,
    wallSeconds: wall,
    pagesPerSecond: n / wall,
    maxRssMb: rssKb / 1024,
    cpuPercent: cpu,
    parse: p,
    analyze: e,
  };
}
