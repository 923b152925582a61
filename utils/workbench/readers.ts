/**
 * What lib/crawl's `readReport` is given in the workbench to turn an answer into its record: a page
 * decoded as the browser would (decode.ts), parsed with the browser's own parser (scripts never run:
 * `DOMParser` documents are inert) and checked in time slices so the workbench keeps drawing; a PDF
 * or Word file read by lib/sources with pdf.js and mammoth as the attachment page reads them; and
 * either checked again with last year's record of the body when the history has one.
 */
import { type Analysis, analyzeSteps, type Finding, type ReportRecord, recheckSteps, type Steps } from '@/lib';
import { answerName, charsetOf, type Fetched, type Linked, type ReportReaders } from '@/lib/crawl';
import { unreadRecord } from '@/lib/record/unread';
import { attachmentSteps, type Readers } from '@/lib/sources';
import { decodePage } from './decode';

export interface WorkbenchReadDeps {
  /** HTML → a document at `url` (`DOMParser` with a `<base>`, or jsdom in tests). */
  parse: (html: string, url: string) => Document;
  /** lib/sources' readers for files (utils/attachmentReaders.ts). */
  files: Readers;
  /** Drives the analysis to its end (in slices, yielding to the page between them). */
  drive: (steps: Steps<Analysis>) => Promise<Analysis>;
  /** Last year's record of the body. */
  previous: (agency: string, year: number) => Promise<ReportRecord | null>;
  capturedAt: () => string;
}

/** A page the workbench could not read at all: its record says why, as the command line's does. */
function unreadable(url: string, capturedAt: string, e: unknown): ReportRecord {
  const why = e instanceof Error ? e.message : String(e);
  const finding: Finding = {
    id: 'source.parse:page',
    rule: 'source.parse',
    severity: 'error',
    status: 'na',
    message: `无法读取这个页面：${why}。没有核查任何内容。`,
    cells: [],
  };
  return unreadRecord({ url, title: '', capturedAt, kind: 'html' }, [finding]);
}

export function workbenchReaders(deps: WorkbenchReadDeps): ReportReaders {
  const checked = async (analysis: Analysis): Promise<ReportRecord> => {
    const { agency, year, isReport } = analysis.record.report;
    if (!isReport || !agency || year === undefined) return analysis.record;
    const previous = await deps.previous(agency, year).catch(() => null);
    return previous ? (await deps.drive(recheckSteps(analysis, previous))).record : analysis.record;
  };
  return {
    async html(res: Fetched) {
      const capturedAt = deps.capturedAt();
      try {
        const doc = deps.parse(decodePage(res.bytes, charsetOf(res.headers['content-type'])), res.finalUrl);
        const analysis = await deps.drive(analyzeSteps(doc, { url: res.url, capturedAt }));
        return { record: await checked(analysis), doc };
      } catch (e) {
        return { record: unreadable(res.url, capturedAt, e) };
      }
    },
    async file(res: Fetched, linked: Linked) {
      const capturedAt = deps.capturedAt();
      try {
        const steps = await attachmentSteps(res.bytes, answerName(res), deps.files, { url: res.url, capturedAt, ...linked });
        return await checked(await deps.drive(steps));
      } catch (e) {
        return unreadable(res.url, capturedAt, e);
      }
    },
  };
}

/** The browser's parser, the document's base set to where the page was answered from (relative links resolve there). */
export function domParse(html: string, url: string): Document {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const base = doc.createElement('base');
  base.href = url;
  doc.head.prepend(base);
  return doc;
}
