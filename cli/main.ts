/**
 * `nianbao check` and `nianbao crawl`: the inputs (files and addresses, or a listing's report
 * links), the batch (./batch.ts), and the output in input order. Bad usage is found before any page
 * is read or fetched; a page's own problems become its record; an interrupted run leaves nothing
 * behind (the scratch folder, an --out file it created, a cache entry half-written).
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportRecord } from '../lib';
import { csvHeader, csvLines } from '../lib/output';
import { parseArgs, USAGE, UsageError } from './args';
import { analyzeAll, type Item, type Web } from './batch';
import { discardPartial } from './cache';
import { crawlItems } from './crawl';
import { watchInterrupts } from './interrupt';
import { nodeFetcher } from './net';
import { OutputClosed, openSink, type Sink } from './output';
import { type Progress, progress } from './progress';
import { inputsOf } from './walk';

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
  let shown: Progress | undefined;
  const interrupt = watchInterrupts(() => {
    shown?.end();
    discardPartial();
    if (scratch) rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    out?.discard();
  });
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      await (await openSink(undefined)).put(`${USAGE}\n`);
      return 0;
    }
    const inputs = args.command === 'check' ? await inputsOf(args.paths) : [];
    out = await openSink(args.out);
    // Records go to a scratch folder as they are made, and are written out from there in input
    // order: a batch of thousands of pages needs no more memory than one page.
    scratch = await mkdtemp(join(tmpdir(), 'nianbao-'));
    const fetching = args.command === 'crawl' || inputs.some((i) => i.address);
    shown = fetching ? progress() : undefined;
    const web: Web | undefined = shown && { polite: nodeFetcher(args, scratch, interrupt.signal), progress: shown };
    const items: Item[] =
      args.command === 'crawl' && web
        ? await crawlItems(args, web)
        : inputs.map((i) => (i.address ? { target: { url: i.path } } : { file: i.path, ...(i.problem ? { problem: i.problem } : {}) }));
    const files = await analyzeAll(items, scratch, args.command === 'check' ? args.jobs : 1, interrupt.signal, web);
    shown?.end();
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
    shown?.end();
    if (scratch) await rm(scratch, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    if (interrupt.status() !== undefined) out?.discard();
    interrupt.dispose();
  }
}
