/**
 * A batch of inputs → one record file each in the scratch folder, in input order, in two passes:
 * every input, then those whose last year's report of the same body is among the inputs, against
 * it. Files are spread over worker threads (./pool.ts); addresses are fetched by the polite fetcher
 * and read in this thread one after another, each read while the next request waits its turn
 * (lib/crawl/run.ts); records made beforehand (a listing page that failed) are written as they are.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportRecord } from '../lib';
import { type Polite, type ReportTarget, readReport, readReports } from '../lib/crawl';
import { metaOf } from './file';
import { workerMemoryMb } from './limits';
import { availableMb, type Job, type Meta, runJobs, threadsFor } from './pool';
import { type PageProblem, problemRecord } from './problem';
import type { Progress } from './progress';
import { cliReaders } from './remote';

export type Item = { file: string; problem?: PageProblem } | { target: ReportTarget } | { record: ReportRecord };

/** What fetching needs: the polite fetcher, and where its progress goes. */
export interface Web {
  polite: Polite;
  progress: Progress;
}

const bodyKey = (m: Meta) => (m.agency && m.year ? `${m.agency}|${m.year}` : null);
const unfetched = (r: ReportRecord) => r.findings.some((f) => f.rule === 'source.fetch');

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

/** Every item's record into the scratch folder `dir`; returns the file of each, in input order. */
export async function analyzeAll(items: Item[], dir: string, jobsMax: number, signal: AbortSignal, web?: Web): Promise<string[]> {
  const capturedAt = new Date().toISOString();
  const first = (i: number) => join(dir, `${i}.json`);
  const second = (i: number) => join(dir, `${i}.cross-year.json`);
  const metas: Meta[] = new Array(items.length);
  const jobs: Job[] = [];
  const jobIndex: number[] = [];
  const targets: { i: number; target: ReportTarget }[] = [];
  const put = async (i: number, record: ReportRecord, file = first(i)) => {
    await writeFile(file, JSON.stringify(record));
    metas[i] = metaOf(record);
  };
  for (const [i, item] of items.entries()) {
    if ('record' in item) await put(i, item.record);
    else if ('target' in item) targets.push({ i, target: item.target });
    else if (item.problem) await put(i, problemRecord(item.file, capturedAt, item.problem));
    else {
      jobs.push({ file: item.file, capturedAt, out: first(i) });
      jobIndex.push(i);
    }
  }
  const done = await runJobs(jobs, await threadsForJobs(jobs, jobsMax), signal);
  done.forEach((m, k) => {
    metas[jobIndex[k] as number] = m;
  });
  if (targets.length) {
    if (!web) throw new Error('addresses to fetch, but no fetcher');
    let failed = 0;
    web.progress.report(0, targets.length, 0);
    await readReports(
      targets.map((t) => t.target),
      { get: web.polite.get, readers: cliReaders(capturedAt), capturedAt },
      async (k, record) => {
        await put((targets[k] as { i: number }).i, record);
        if (unfetched(record)) failed++;
        web.progress.report(k + 1, targets.length, failed);
      },
      { signal },
    );
  }

  // Cross-year: when last year's report of the same body is among the inputs, check against it.
  const byBody = new Map(metas.map((m, i) => [bodyKey(m), i]));
  const again: Job[] = [];
  const redone = new Set<number>();
  for (const [i, m] of metas.entries()) {
    if (!m.isReport || !m.agency || !m.year) continue;
    const previous = byBody.get(`${m.agency}|${m.year - 1}`);
    if (previous === undefined) continue;
    const item = items[i] as Item;
    redone.add(i);
    if ('file' in item) again.push({ file: item.file, capturedAt, out: second(i), previous: first(previous) });
    else if ('target' in item && web) {
      // Read again from the store the first pass filled: no request is made.
      const last = JSON.parse(await readFile(first(previous), 'utf8')) as ReportRecord;
      signal.throwIfAborted();
      await put(i, await readReport(item.target, { get: web.polite.get, readers: cliReaders(capturedAt, last), capturedAt }), second(i));
    } else redone.delete(i);
  }
  await runJobs(again, await threadsForJobs(again, jobsMax), signal);
  return items.map((_, i) => (redone.has(i) ? second(i) : first(i)));
}
