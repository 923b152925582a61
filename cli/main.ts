import { access, constants, readdir, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { toCsv } from '../lib/record/csv';
import type { ReportRecord } from '../lib/record/schema';
import { REASONS, UsageError } from './file';
import { type Job, runJobs, threadsFor } from './pool';

const USAGE = `用法 usage: nianbao check <file.html|dir>... [--format json|csv] [--out FILE] [--jobs N]

Reads saved annual-report pages and prints one record per HTML file (a JSON array, or CSV of
the tables in long form). Directories are walked for .html/.htm files. When two years of the same
body are among the inputs, the cross-year checks run. Large batches use one worker thread per core
(--jobs N sets the most; --jobs 1 runs in one thread).
Exit status: 0 when it ran (whatever the findings), 2 on bad usage or an unreadable file.`;

interface Args {
  paths: string[];
  format: 'json' | 'csv';
  out?: string;
  jobs: number;
}

function parseArgs(argv: string[]): Args | 'help' {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return 'help';
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(`unknown command "${command}" (try: nianbao check <file.html|dir>...)`);
  const args: Args = { paths: [], format: 'json', jobs: Math.min(availableParallelism(), 8) };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const value = (name: string) => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'json' && f !== 'csv') throw new UsageError(`--format must be json or csv, not "${f}"`);
      args.format = f;
    } else if (a === '--out' || a.startsWith('--out=')) args.out = value('--out');
    else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const v = value('--jobs');
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs must be a whole number ≥ 1, not "${v}"`);
      args.jobs = n;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError('no file or directory given');
  return args;
}

async function expand(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    throw new UsageError(
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`,
    );
  }
  if (!info.isDirectory()) {
    try {
      await access(path, constants.R_OK);
    } catch {
      throw new UsageError(`cannot read ${path}: ${REASONS.EACCES}`);
    }
    return [resolve(path)];
  }
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...(await expand(p)));
    else if (/\.html?$/i.test(e.name)) out.push(resolve(p));
  }
  return out;
}

const bodyKey = (r: ReportRecord) => (r.report.agency && r.report.year ? `${r.report.agency}|${r.report.year}` : null);

/** Run the command; returns the exit status. Never throws. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const files = (await Promise.all(args.paths.map(expand))).flat();
    const capturedAt = new Date().toISOString();
    const records = await runJobs(
      files.map((file) => ({ file, capturedAt })),
      threadsFor(files.length, args.jobs),
    );

    // Cross-year: when last year's report of the same body is among the inputs, check against it.
    const byBody = new Map(records.map((r) => [bodyKey(r), r]));
    const again: { i: number; job: Job }[] = [];
    records.forEach((r, i) => {
      if (!r.report.isReport || !r.report.agency || !r.report.year) return;
      const previous = byBody.get(`${r.report.agency}|${r.report.year - 1}`);
      if (previous) again.push({ i, job: { file: files[i] as string, capturedAt, previous } });
    });
    const redone = await runJobs(
      again.map((a) => a.job),
      threadsFor(again.length, args.jobs),
    );
    again.forEach((a, k) => {
      records[a.i] = redone[k] as ReportRecord;
    });

    const text = args.format === 'csv' ? toCsv(records, { bom: args.out !== undefined }) : `${JSON.stringify(records, null, 2)}\n`;
    if (args.out) {
      try {
        await writeFile(args.out, text);
      } catch (e) {
        throw new UsageError(`cannot write ${args.out}: ${(e as Error).message}`);
      }
    } else process.stdout.write(text);
    return 0;
  } catch (e) {
    const msg = e instanceof UsageError ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(`nianbao: ${msg}\n`);
    return 2;
  }
}
