/**
 * A fetched answer → its record on the command line, as a saved file would give it: a page decoded
 * by its HTTP charset and then sniffed as files are, parsed within the same limits, analysed; a PDF
 * or DOCX read through lib/sources. These are the readers lib/crawl's `readReport` is given.
 */
import { analyze, type ReportRecord } from '../lib';
import { answerName, charsetOf, type ReportReaders } from '../lib/crawl';
import { asProblem } from './file';
import { htmlPage } from './html';
import { checkBytes } from './limits';
import { problemRecord } from './problem';
import { analyzeAttachmentBytes } from './sources/read';

export function cliReaders(capturedAt: string, previous?: ReportRecord): ReportReaders {
  return {
    async html(res) {
      try {
        checkBytes(res.bytes.byteLength);
        // Relative links resolve against where the page was answered from; the record keeps the address asked for.
        const { dom } = await htmlPage(res.bytes, res.finalUrl, charsetOf(res.headers['content-type']));
        const doc = dom.window.document;
        try {
          const { record } = analyze(doc, { url: res.url, capturedAt, ...(previous ? { previous } : {}) });
          return { record, doc, close: () => dom.window.close() };
        } catch (e) {
          dom.window.close();
          throw e;
        }
      } catch (e) {
        return { record: problemRecord(res.url, capturedAt, asProblem(e)) };
      }
    },
    file: (res, linked) => analyzeAttachmentBytes(res.bytes, answerName(res), res.url, capturedAt, previous, linked),
  };
}
