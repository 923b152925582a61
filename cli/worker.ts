/** Runs the pages the command gives this worker thread, one at a time (see pool.ts). */
import { parentPort } from 'node:worker_threads';
import { analyzeFile, UsageError } from './file';
import type { Job, Reply } from './pool';

const port = parentPort;
if (!port) throw new Error('cli/worker.ts runs as a worker thread');
port.on('message', async ({ index, job }: { index: number; job: Job }) => {
  let reply: Reply;
  try {
    reply = { index, record: await analyzeFile(job.file, job.capturedAt, job.previous) };
  } catch (e) {
    reply = { index, error: e instanceof Error ? e.message : String(e), usage: e instanceof UsageError };
  }
  port.postMessage(reply);
});
