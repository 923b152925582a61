/**
 * Pages are independent, so a batch is spread over worker threads, one per core (parsing with jsdom
 * is most of a page's time and runs on one thread). Small batches run in this thread: a worker costs
 * a few hundred milliseconds to start.
 *
 * Whoever analyses a page writes its record to a file of the batch's scratch folder and hands back
 * only what the command needs to pair the years (agency, year): the command's memory does not grow
 * with the batch, and records never cross threads.
 */
import { Worker } from 'node:worker_threads';
import { type Job, type Meta, runJob, UsageError } from './file';

export type { Job, Meta };

/** The reply of a worker for job `index`. */
export type Reply = { index: number; meta: Meta } | { index: number; error: string; usage: boolean };

/** Fewer pages than this per worker, and the batch runs in this thread. */
const PAGES_PER_WORKER = 6;

/** How many threads to use for `count` pages with at most `max` threads. */
export function threadsFor(count: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(count / PAGES_PER_WORKER)));
}

/** Run every job; the metas come back in the order of the jobs. */
export async function runJobs(jobs: Job[], threads: number): Promise<Meta[]> {
  if (threads <= 1) {
    const out: Meta[] = [];
    for (const j of jobs) out.push(await runJob(j));
    return out;
  }
  const results: Meta[] = new Array(jobs.length);
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
              results[r.index] = r.meta;
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
