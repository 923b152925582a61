/** Records for the views' tests: those of real fixture pages, read as the command line reads them (jsdom), and a failed reading. */
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

/** A record whose reading failed, as the reader reports it: no tables, one `extension.error` finding saying why. */
export function failedRecord(url: string, detail: string): ReportRecord {
  return {
    schemaVersion: 1,
    source: { url, title: '', capturedAt: '2024-03-01T08:00:00.000Z', kind: 'html' },
    report: { isReport: true, isTemplate: false, formatVersion: 'unknown' },
    tables: {},
    findings: [
      {
        id: 'extension.error:page',
        rule: 'extension.error',
        status: 'na',
        severity: 'error',
        message: `核查这个页面时出错，没有结果：${detail}`,
        cells: [],
      },
    ],
    derived: {},
  };
}
