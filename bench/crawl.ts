/**
 * The crawl's cost per report beyond the delay, on the command line: the fake portal's bench listing
 * (N fixture reports, served from 127.0.0.1), `nianbao crawl --no-cache` reading all N and reading
 * one (the fixed cost: process start, the listing), with --delay 0 and with --delay D. Overhead per
 * report = (T(N) − T(1)) / (N − 1) − D: what fetching, decoding, reading, checking and writing one
 * report adds to the wait between requests. `npx tsx bench/crawl.ts [--n=30] [--delay=0.5] [--runs=3]`.
 * Prints one table; asserts nothing (the machine is shared).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startPortal } from '../tests/portal/server';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const arg = (name: string, d: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d);
const N = arg('n', 30);
const DELAY = arg('delay', 0.5);
const RUNS = arg('runs', 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const portal = await startPortal();
const listing = `${portal.url}/bench/index.html?n=${N}`;
const cache = mkdtempSync(join(tmpdir(), 'nianbao-bench-cache-'));
/** Wall time of one crawl, ms. Not execFileSync: the portal answers from this process's event loop. */
const crawl = async (max: number, delay: number) => {
  const t = performance.now();
  await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'bin/nianbao.mjs'), 'crawl', listing, '--no-cache', '--max', String(max), '--delay', String(delay), '--out', '/dev/null'],
    {
      cwd: ROOT,
      env: { ...process.env, XDG_CACHE_HOME: cache },
    },
  );
  return performance.now() - t;
};
const rows: string[][] = [];
for (const delay of [0, DELAY]) {
  const all: number[] = [];
  const one: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    one.push(await crawl(1, delay));
    all.push(await crawl(N, delay));
  }
  const perReport = (median(all) - median(one)) / (N - 1);
  rows.push([
    `--delay ${delay}`,
    `${(median(all) / 1000).toFixed(1)} s`,
    `${(median(one) / 1000).toFixed(1)} s`,
    `${(perReport - delay * 1000).toFixed(0)} ms`,
  ]);
}
await portal.close();
console.log(
  `nianbao crawl, ${N} reports from 127.0.0.1, medians of ${RUNS} runs (load average ${(await import('node:os')).loadavg()[0]?.toFixed(1)})`,
);
console.log('| delay | N reports | 1 report | overhead per report beyond the delay |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
