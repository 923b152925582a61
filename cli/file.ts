/**
 * One saved page → its record, in whichever thread runs it (the command's own, or a worker's).
 * A page that cannot be read or is refused gets a record saying why: this never throws for a page.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { analyze, type ReportRecord } from '../lib';
import { loadPage, type Page } from './load';
import { PageProblem, problemRecord } from './problem';
import { ATTACHMENT_FILE, analyzeAttachmentFile } from './sources/read';

/** A thrown value as this page's problem (a stack overflow anywhere in reading it is the page's, not the run's). */
export function asProblem(e: unknown): PageProblem {
  if (e instanceof PageProblem) return e;
  const why = e instanceof RangeError ? '页面结构过深，超出调用栈' : `出错：${e instanceof Error ? e.message : String(e)}`;
  return new PageProblem('source.parse:page', `无法读取这个页面：${why}。`);
}

function analyzePage(page: Page, capturedAt: string, previous?: ReportRecord): ReportRecord {
  return analyze(page.dom.window.document, { url: page.url, capturedAt, ...(previous ? { previous } : {}) }).record;
}

export async function analyzeFile(file: string, capturedAt: string, previous?: ReportRecord): Promise<ReportRecord> {
  if (ATTACHMENT_FILE.test(file))
    return analyzeAttachmentFile(file, capturedAt, previous).catch((e) => problemRecord(file, capturedAt, asProblem(e)));
  let page: Page;
  try {
    page = await loadPage(file);
  } catch (e) {
    return problemRecord(file, capturedAt, asProblem(e));
  }
  const { dom } = page;
  try {
    const record = analyzePage(page, capturedAt, previous);
    if (record.report.isReport || record.report.isTemplate) return record;
    // A saved page whose report sits in a same-origin frame: the frame was saved as a local file.
    for (const frame of Array.from(dom.window.document.querySelectorAll('iframe[src], frame[src]'))) {
      const src = new URL(frame.getAttribute('src') ?? '', dom.window.location.href);
      if (src.protocol !== 'file:') continue;
      const inner = await loadPage(fileURLToPath(src)).catch(() => null);
      if (!inner) continue;
      try {
        const framed = analyzePage({ ...inner, url: page.url }, capturedAt, previous);
        if (framed.report.isReport) return framed;
      } finally {
        inner.dom.window.close();
      }
    }
    return record;
  } catch (e) {
    return problemRecord(file, capturedAt, asProblem(e));
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

export function metaOf(record: ReportRecord): Meta {
  const { isReport, agency, year } = record.report;
  return { isReport, ...(agency ? { agency } : {}), ...(year ? { year } : {}) };
}

export async function runJob(job: Job): Promise<Meta> {
  const previous = job.previous ? (JSON.parse(await readFile(job.previous, 'utf8')) as ReportRecord) : undefined;
  const record = await analyzeFile(job.file, job.capturedAt, previous);
  await writeFile(job.out, JSON.stringify(record));
  return metaOf(record);
}
