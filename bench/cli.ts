/**
 * Section 4: the command line on a folder of report pages, run as a user runs it (`node
 * bin/nianbao.mjs check DIR > /dev/null`) under `/usr/bin/time -v` for its wall time and peak
 * memory: with a worker per core, in one thread, and beside it jsdom's own parse of the same pages
 * in one thread (bench/parse.ts), which any command line on jsdom pays.
 */
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import type { Report } from './lib/report';
import { fmt, quantile } from './lib/stats';
import { CLI_PAGES, writeCliPages } from './pages';

interface Run {
  pagesPerSecond: number;
  peakMb: number;
}

/** Run `cmd` under /usr/bin/time -v, its output to /dev/null; seconds and peak RSS from time's report. */
async function timed(cmd: string[], pages: number): Promise<Run> {
  const devnull = await open('/dev/null', 'w');
  try {
    const child = spawn('/usr/bin/time', ['-v', ...cmd], { stdio: ['ignore', devnull.fd, 'pipe'] });
    let log = '';
    child.stderr?.on('data', (d) => {
      log += d;
    });
    const code = await new Promise<number>((ok) => {
      child.on('close', (c) => ok(c ?? 1));
      child.on('error', () => ok(127));
    });
    const wall = /Elapsed \(wall clock\) time \([^)]*\):\s*([\d:.]+)/.exec(log)?.[1];
    const rss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(log)?.[1];
    if (code !== 0 || !wall || !rss)
      throw new Error(
        code === 127 ? '/usr/bin/time missing (apt-get install time)' : `exit ${code}: ${log.split('\n').slice(-4).join(' ')}`,
      );
    const seconds = wall.split(':').reduce((s, part) => s * 60 + Number(part), 0);
    return { pagesPerSecond: pages / seconds, peakMb: Number(rss) / 1024 };
  } finally {
    await devnull.close();
  }
}

export async function runCli(bench: { quick: boolean }, report: Report) {
  const n = (await writeCliPages(bench.quick ? 100 : 300)).length;
  const commands = {
    default: ['node', 'bin/nianbao.mjs', 'check', CLI_PAGES],
    oneThread: ['node', 'bin/nianbao.mjs', 'check', CLI_PAGES, '--jobs', '1'],
    parse: ['node', '--import', 'tsx', 'bench/parse.ts', CLI_PAGES],
  };
  type Kind = keyof typeof commands;
  const runs: Record<Kind, Run[]> = { default: [], oneThread: [], parse: [] };
  // Rounds of the three side by side, in a rotating order: the machine's load changes between runs.
  const kinds = Object.keys(commands) as Kind[];
  const rounds = bench.quick ? 1 : 2;
  for (let r = 0; r < rounds; r++)
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[(i + r) % kinds.length] as Kind;
      runs[kind].push(await timed(commands[kind], n));
    }
  const med = (kind: Kind, key: keyof Run) =>
    quantile(
      runs[kind].map((x) => x[key]),
      0.5,
    );
  const line = (kind: Kind) => `${fmt(med(kind, 'pagesPerSecond'))} pages/s · peak ${fmt(med(kind, 'peakMb'))} MB`;
  report.row('4', `command line, ${n} pages, a worker per core (as run by default; ${rounds} runs)`, line('default'));
  report.row('4', '  in one thread (--jobs 1)', line('oneThread'));
  report.row('4', '  jsdom alone parsing the same pages, one thread', line('parse'));
  // Ratios within a round, then their median.
  const ratio = (key: keyof Run) =>
    quantile(
      runs.oneThread.map((x, i) => x[key] / (runs.parse[i] as Run)[key]),
      0.5,
    );
  const speed = ratio('pagesPerSecond');
  report.row('4', '  one thread ÷ jsdom alone: speed', `${fmt(speed)}×`, '≥ 0.5× (reading costs at most the parse)', speed >= 0.5);
  const memory = ratio('peakMb');
  report.row('4', '  one thread ÷ jsdom alone: peak memory', `${fmt(memory)}×`, '≤ 1.5×', memory <= 1.5);
  return { pages: n, ...runs };
}
