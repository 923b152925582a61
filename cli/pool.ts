/**
 * Pages are independent, so a batch is spread over worker threads (parsing with jsdom is most of a
 * page's time and runs on one thread): one per core, fewer when memory is short, each thread
 * counted at what the batch's largest page may cost (./limits). Small batches run in this thread:
 * a worker costs a few hundred milliseconds to start.
 *
 * Whoever analyses a page writes its record to a file of the batch's scratch folder and hands back
 * only what the command needs to pair the years (agency, year): the command's memory does not grow
 * with the batch, and records never cross threads. A worker that dies on a page (its heap is capped)
 * costs that page alone: the page gets a record saying so and a new worker takes the rest.
 */
import { writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { type Job, type Meta, metaOf, runJob } from './file';
import { WORKER_HEAP_MB } from './limits';
import { PageProblem, problemRecord } from './problem';

export type { Job, Meta };

/** The reply of a worker for job `index`. */
export type Reply = { ready: true } | { index: number; meta: Meta } | { index: number; error: string };

/** Fewer pages than this per worker, and the batch runs in this thread. */
const PAGES_PER_WORKER = 6;
/** The share of the memory available now that a batch's threads may take. */
const MEMORY_SHARE = 0.5;

export interface Budget {
  /** What one thread may need (`workerMemoryMb` of the largest page), MB. */
  perThreadMb: number;
  /** Memory available to this process now, MB. */
  availableMb: number;
}

/** Memory available now: the system's, within the process's cgroup limit (Node's own reading). */
export function availableMb(): number {
  return process.availableMemory() / 1024 / 1024;
}

/** How many threads to use for `count` pages with at most `max` threads, within `budget`. */
export function threadsFor(count: number, max: number, budget: Budget): number {
  const byMemory = Math.floor((budget.availableMb * MEMORY_SHARE) / budget.perThreadMb);
  return Math.max(1, Math.min(max, Math.floor(count / PAGES_PER_WORKER), byMemory));
}

function lostPage(job: Job, id: string, why: string): Promise<Meta> {
  const record = problemRecord(job.file, job.capturedAt, new PageProblem(id, why));
  return writeFile(job.out, JSON.stringify(record)).then(() => metaOf(record));
}

/** Run every job; the metas come back in the order of the jobs. `signal` stops the batch (workers end at once). */
export async function runJobs(jobs: Job[], threads: number, signal?: AbortSignal): Promise<Meta[]> {
  if (threads <= 1) {
    const out: Meta[] = [];
    for (const j of jobs) {
      signal?.throwIfAborted();
      out.push(await runJob(j));
    }
    return out;
  }
  const results: Meta[] = new Array(jobs.length);
  const live = new Set<Worker>();
  let next = 0;
  const lane = () =>
    new Promise<void>((done, fail) => {
      const w = new Worker(new URL('./worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      live.add(w);
      let started = false;
      let ended = false;
      let current = -1;
      const end = (e?: Error) => {
        ended = true;
        if (e) fail(e);
        else done();
      };
      const give = () => {
        if (next >= jobs.length) {
          current = -1;
          return end();
        }
        current = next++;
        w.postMessage({ index: current, job: jobs[current] });
      };
      w.on('message', (r: Reply) => {
        if ('ready' in r) {
          started = true;
          return give();
        }
        if ('error' in r) return end(new Error(r.error));
        results[r.index] = r.meta;
        give();
      });
      w.on('error', (e) => {
        live.delete(w);
        const job = jobs[current];
        // A worker that could not even start is the installation's problem, not a page's.
        if (!started || !job || signal?.aborted) return end(e);
        ended = true;
        const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        const why = oom
          ? `读取这个页面所需内存超过了上限（${WORKER_HEAP_MB} MB），没有读完。`
          : `读取这个页面时读取线程意外停止：${e.message}。`;
        const index = current;
        lostPage(job, oom ? 'source.memory:page' : 'source.parse:page', why)
          .then((meta) => {
            results[index] = meta;
            return lane(); // a fresh worker takes the rest of this lane
          })
          .then(done, fail);
      });
      w.on('exit', (code) => {
        live.delete(w);
        if (!ended && !signal?.aborted) end(new Error(`a worker stopped (exit ${code})`));
      });
    });
  const stop = () => {
    for (const w of live) void w.terminate();
  };
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const lanes = Array.from({ length: Math.min(threads, jobs.length) }, lane);
    await Promise.race([Promise.all(lanes), aborted(signal)]);
  } finally {
    signal?.removeEventListener('abort', stop);
    await Promise.all([...live].map((w) => w.terminate()));
  }
  return results;
}

/** Rejects when `signal` aborts (never settles without one). */
function aborted(signal?: AbortSignal): Promise<never> {
  return new Promise((_, fail) => {
    if (!signal) return;
    if (signal.aborted) return fail(signal.reason);
    signal.addEventListener('abort', () => fail(signal.reason), { once: true });
  });
}
