/**
 * `nianbao check`: the inputs, the batch (two passes: every page, then the pages whose last year is
 * among the inputs, against it), and the output in input order. Bad usage is found before any page
 * is read; a page's own problems become its record; an interrupted run leaves nothing behind.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvHeader, csvLines } from '../lib/record/csv';
import type { ReportRecord } from '../lib/record/schema';
import { parseArgs, USAGE, UsageError } from './args';
import { metaOf } from './file';
import { watchInterrupts } from './interrupt';
import { workerMemoryMb } from './limits';
import { OutputClosed, openSink, type Sink } from './output';
import { availableMb, type Job, type Meta, runJobs, threadsFor } from './pool';
import { problemRecord } from './problem';
import { type Input, inputsOf } from './walk';

const bodyKey = (m: Meta) => (m.agency && m.year ? `${m.agency}|${m.year}` : null);

/** Threads for `jobs` within `max`, with the memory a thread needs for the largest of their pages. */
async function threadsForJobs(jobs: Job[], max: number): Promise<number> {
  let largest = 0;
  for (const j of jobs)
    largest = Math.max(
      largest,
      await stat(j.file).then(
        (s) => s.size,
        () => 0,
      ),
    );
  return threadsFor(jobs.length, max, { perThreadMb: workerMemoryMb(largest), availableMb: availableMb() });
}

/** Every input's record into the scratch folder `dir`; returns the file of each, in input order. */
async function analyzeAll(inputs: Input[], dir: string, jobsMax: number, signal: AbortSignal): Promise<string[]> {
  const capturedAt = new Date().toISOString();
  const first = (i: number) => join(dir, `${i}.json`);
  const second = (i: number) => join(dir, `${i}.cross-year.json`);
  const metas: Meta[] = new Array(inputs.length);
  const jobs: Job[] = [];
  const jobIndex: number[] = [];
  for (const [i, input] of inputs.entries()) {
    if (input.problem) {
      const record = problemRecord(input.path, capturedAt, input.problem);
      await writeFile(first(i), JSON.stringify(record));
      metas[i] = metaOf(record);
    } else {
      jobs.push({ file: input.path, capturedAt, out: first(i) });
      jobIndex.push(i);
    }
  }
  const done = await runJobs(jobs, await threadsForJobs(jobs, jobsMax), signal);
  done.forEach((m, k) => {
    metas[jobIndex[k] as number] = m;
  });

  // Cross-year: when last year's report of the same body is among the inputs, check against it.
  const byBody = new Map(metas.map((m, i) => [bodyKey(m), i]));
  const again: Job[] = [];
  const redone = new Set<number>();
  metas.forEach((m, i) => {
    if (!m.isReport || !m.agency || !m.year) return;
    const previous = byBody.get(`${m.agency}|${m.year - 1}`);
    if (previous === undefined) return;
    again.push({ file: inputs[i]?.path as string, capturedAt, out: second(i), previous: first(previous) });
    redone.add(i);
  });
  await runJobs(again, await threadsForJobs(again, jobsMax), signal);
  return inputs.map((_, i) => (redone.has(i) ? second(i) : first(i)));
}

async function write(out: Sink, files: string[], format: 'json' | 'csv', bom: boolean, signal: AbortSignal): Promise<void> {
  const record = async (f: string) => JSON.parse(await readFile(f, 'utf8')) as ReportRecord;
  if (format === 'csv') {
    await out.put(csvHeader({ bom }));
    for (const f of files) {
      signal.throwIfAborted();
      await out.put(csvLines([await record(f)]));
    }
  } else if (files.length === 0) await out.put('[]\n');
  else {
    // The same text as JSON.stringify(records, null, 2), one record at a time.
    for (const [i, f] of files.entries()) {
      signal.throwIfAborted();
      await out.put(`${i === 0 ? '[\n' : ',\n'}  ${JSON.stringify(await record(f), null, 2).replace(/\n/g, '\n  ')}`);
    }
    await out.put('\n]\n');
  }
}

/** Run the command; returns the exit status. Never throws. */
export async function main(argv: string[]): Promise<number> {
  let scratch: string | undefined;
  let out: Sink | undefined;
  let analysed = false;
  const interrupt = watchInterrupts(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    out?.discard();
  });
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      await (await openSink(undefined)).put(`${USAGE}\n`);
      return 0;
    }
    const inputs = await inputsOf(args.paths);
    out = await openSink(args.out);
    // Records go to a scratch folder as they are made, and are written out from there in input
    // order: a batch of thousands of pages needs no more memory than one page.
    scratch = await mkdtemp(join(tmpdir(), 'nianbao-'));
    const files = await analyzeAll(inputs, scratch, args.jobs, interrupt.signal);
    analysed = true;
    await write(out, files, args.format, args.out !== undefined, interrupt.signal);
    await out.close();
    return 0;
  } catch (e) {
    const status = interrupt.status();
    if (status !== undefined) return status;
    if (e instanceof OutputClosed) return 0;
    if (!analysed) out?.discard();
    if (e instanceof UsageError) {
      process.stderr.write(`nianbao: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`nianbao: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    if (interrupt.status() !== undefined) out?.discard();
    interrupt.dispose();
  }
}
