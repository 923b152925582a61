/**
 * Pages are independent, so a batch is spread over worker threads, one per core (parsing with jsdom
 * is most of a page's time and runs on one thread). Records come back in the order of the inputs.
 * Small batches run in this thread: a worker costs a few hundred milliseconds to start.
 */
import { Worker } from 'node:worker_threads';
import type { ReportRecord } from '../lib/record/schema';
import { analyzeFile, UsageError } from './file';

export interface Job {
  file: string;
  capturedAt: string;
  previous?: ReportRecord;
}

/** The reply of a worker for job `index`. */
export type Reply = { index: number; record: ReportRecord } | { index: number; error: string; usage: boolean };

/** Fewer pages than this per worker, and the batch runs in this thread. */
const PAGES_PER_WORKER = 6;

/** How many threads to use for `count` pages with at most `max` threads. */
export function threadsFor(count: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(count / PAGES_PER_WORKER)));
}

export async function runJobs(jobs: Job[], threads: number): Promise<ReportRecord[]> {
  if (threads <= 1) {
    const out: ReportRecord[] = [];
    for (const j of jobs) out.push(await analyzeFile(j.file, j.capturedAt, j.previous));
    return out;
  }
  const results: ReportRecord[] = new Array(jobs.length);
  const workers = Array.from({ length: Math.min(threads, jobs.length) }, () => new Worker(new URL('./worker.mjs', import.meta.url)));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((done, fail) => {
            const give = () => {
              if (next >= jobs.length) return done();
              const index = next++;
              w.postMessage({ index, job: jobs[index] });
            };
            w.on('message', (r: Reply) => {
              if ('error' in r) return fail(r.usage ? new UsageError(r.error) : new Error(r.error));
              results[r.index] = r.record;
              give();
            });
            w.on('error', fail);
            w.on('exit', (code) => {
              if (next < jobs.length || code !== 0) fail(new Error(`a worker stopped (exit ${code})`));
            });
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
