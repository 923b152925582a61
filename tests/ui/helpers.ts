/** Records of real fixture pages, read as the command line reads them (jsdom), for the views' tests. */
import { join, resolve } from 'node:path';
import { loadPage } from '../../cli/load';
import { analyze, type ReportRecord } from '../../lib';

const PAGES = resolve(import.meta.dirname, '..', 'fixtures', 'pages');

export async function fixtureRecord(file: string, previous?: ReportRecord): Promise<ReportRecord> {
  const { dom, url } = await loadPage(join(PAGES, file));
  try {
    return analyze(dom.window.document, { url, capturedAt: '2024-03-01T08:00:00.000Z', ...(previous ? { previous } : {}) }).record;
  } finally {
    dom.window.close();
  }
}
