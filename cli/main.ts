import { once } from 'node:events';
import { access, constants, type FileHandle, mkdtemp, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { csvHeader, csvLines } from '../lib/record/csv';
import type { ReportRecord } from '../lib/record/schema';
import { REPORT_FILE } from '../lib/sources/kind';
import { REASONS, UsageError } from './file';
import { type Job, type Meta, runJobs, threadsFor } from './pool';

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
    else if (REPORT_FILE.test(e.name)) out.push(resolve(p));
  }
  return out;
}

const bodyKey = (m: Meta) => (m.agency && m.year ? `${m.agency}|${m.year}` : null);

/** Where the output goes, written piece by piece: stdout (waiting when the pipe is full) or a file. */
async function sink(out: string | undefined): Promise<{ put(text: string): Promise<void>; close(): Promise<void> }> {
  if (out) {
    let file: FileHandle;
    try {
      file = await open(out, 'w');
    } catch (e) {
      throw new UsageError(`cannot write ${out}: ${(e as Error).message}`);
    }
    return {
      put: async (text) => {
        try {
          await file.write(text);
        } catch (e) {
          throw new UsageError(`cannot write ${out}: ${(e as Error).message}`);
        }
      },
      close: () => file.close(),
    };
  }
  let failed: Error | null = null;
  process.stdout.on('error', (e) => {
    failed = e;
  });
  return {
    put: async (text) => {
      if (failed) throw new UsageError(`cannot write the output: ${(failed as Error).message}`);
      if (!process.stdout.write(text)) await Promise.race([once(process.stdout, 'drain'), once(process.stdout, 'error')]);
    },
    close: async () => undefined,
  };
}

/** Run the command; returns the exit status. Never throws. */
export async function main(argv: string[]): Promise<number> {
  let scratch: string | undefined;
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const files = (await Promise.all(args.paths.map(expand))).flat();
    const capturedAt = new Date().toISOString();
    // Records go to a scratch folder as they are made, and are written out from there in input
    // order: a batch of thousands of pages needs no more memory than one page.
    const dir = await mkdtemp(join(tmpdir(), 'nianbao-'));
    scratch = dir;
    const first = (i: number) => join(dir, `${i}.json`);
    const second = (i: number) => join(dir, `${i}.cross-year.json`);
    const metas = await runJobs(
      files.map((file, i) => ({ file, capturedAt, out: first(i) })),
      threadsFor(files.length, args.jobs),
    );

    // Cross-year: when last year's report of the same body is among the inputs, check against it.
    const byBody = new Map(metas.map((m, i) => [bodyKey(m), i]));
    const again: Job[] = [];
    const redone = new Set<number>();
    metas.forEach((m, i) => {
      if (!m.isReport || !m.agency || !m.year) return;
      const previous = byBody.get(`${m.agency}|${m.year - 1}`);
      if (previous === undefined) return;
      again.push({ file: files[i] as string, capturedAt, out: second(i), previous: first(previous) });
      redone.add(i);
    });
    await runJobs(again, threadsFor(again.length, args.jobs));

    const out = await sink(args.out);
    try {
      const record = async (i: number) => JSON.parse(await readFile(redone.has(i) ? second(i) : first(i), 'utf8')) as ReportRecord;
      if (args.format === 'csv') {
        await out.put(csvHeader({ bom: args.out !== undefined }));
        for (let i = 0; i < files.length; i++) await out.put(csvLines([await record(i)]));
      } else if (files.length === 0) await out.put('[]\n');
      else {
        // The same text as JSON.stringify(records, null, 2), one record at a time.
        for (let i = 0; i < files.length; i++)
          await out.put(`${i === 0 ? '[\n' : ',\n'}  ${JSON.stringify(await record(i), null, 2).replace(/\n/g, '\n  ')}`);
        await out.put('\n]\n');
      }
    } finally {
      await out.close();
    }
    return 0;
  } catch (e) {
    const msg = e instanceof UsageError ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(`nianbao: ${msg}\n`);
    return 2;
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}
