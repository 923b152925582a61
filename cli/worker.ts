/** Runs the pages the command gives this worker thread, one at a time (see pool.ts). */
import { parentPort } from 'node:worker_threads';
import { type Job, runJob } from './file';
import type { Reply } from './pool';

const port = parentPort;
if (!port) throw new Error('cli/worker.ts runs as a worker thread');
port.on('message', async ({ index, job }: { index: number; job: Job }) => {
  let reply: Reply;
  try {
    reply = { index, meta: await runJob(job) };
  } catch (e) {
    // Only the scratch folder can fail here (a page's problems are its record).
    reply = { index, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies Reply);
