/**
 * One saved page → its record, in whichever thread runs it (the command's own, or a worker's).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { analyze } from '../lib/analyze';
import type { ReportRecord } from '../lib/record/schema';
import { loadPage } from './load';
import { ATTACHMENT_FILE, analyzeAttachmentFile } from './sources/read';

/** A problem with what the user asked for (a file that cannot be read, a bad option): exit 2. */
export class UsageError extends Error {}

export const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
};

export async function analyzeFile(file: string, capturedAt: string, previous?: ReportRecord): Promise<ReportRecord> {
  if (ATTACHMENT_FILE.test(file)) {
    return analyzeAttachmentFile(file, capturedAt, previous).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${file}: ${REASONS[e.code ?? ''] ?? e.message}`);
    });
  }
  let page: Awaited<ReturnType<typeof loadPage>>;
  try {
    page = await loadPage(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot read ${file}: ${REASONS[code] ?? (e as Error).message}`);
  }
  const { dom, url } = page;
  try {
    const opts = { url, capturedAt, ...(previous ? { previous } : {}) };
    const record = analyze(dom.window.document, opts).record;
    if (record.report.isReport || record.report.isTemplate) return record;
    // A saved page whose report sits in a same-origin frame: the frame was saved as a local file.
    for (const frame of Array.from(dom.window.document.querySelectorAll('iframe[src], frame[src]'))) {
      const src = new URL(frame.getAttribute('src') ?? '', dom.window.location.href);
      if (src.protocol !== 'file:') continue;
      const inner = await loadPage(fileURLToPath(src)).catch(() => null);
      if (!inner) continue;
      try {
        const framed = analyze(inner.dom.window.document, opts).record;
        if (framed.report.isReport) return framed;
      } finally {
        inner.dom.window.close();
      }
    }
    return record;
  } finally {
    dom.window.close();
  }
}

/** One page of a batch: read `file` (with last year's record from the file `previous`), write the record to `out`. */
export interface Job {
  file: string;
  capturedAt: string;
  out: string;
  previous?: string;
}

/** What the command keeps of a record: enough to find last year's report of the same body. */
export interface Meta {
  isReport: boolean;
  agency?: string;
  year?: number;
}

export async function runJob(job: Job): Promise<Meta> {
  const previous = job.previous ? (JSON.parse(await readFile(job.previous, 'utf8')) as ReportRecord) : undefined;
  const record = await analyzeFile(job.file, job.capturedAt, previous);
  await writeFile(job.out, JSON.stringify(record));
  const { isReport, agency, year } = record.report;
  return { isReport, ...(agency ? { agency } : {}), ...(year ? { year } : {}) };
}
