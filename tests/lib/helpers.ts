import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { declaredCharset } from '../../cli/load';
import { type AnalyzeOptions, analyze } from '../../lib/analyze';
import { ReportRecord } from '../../lib/record/schema';

export const CAPTURED = '2026-01-01T00:00:00.000Z';

export function doc(html: string): Document {
  return new JSDOM(html).window.document;
}

export function table(html: string): Element {
  return doc(`<table>${html}</table>`).querySelector('table') as Element;
}

export const FIXTURES = new URL('../fixtures/pages/', import.meta.url);

/** Parse a fixture page as the command line does (jsdom, by its declared charset) and analyze it. */
export function analyzeFixture(name: string, opts: AnalyzeOptions = {}) {
  const bytes = readFileSync(new URL(name, FIXTURES));
  const html = new TextDecoder(declaredCharset(bytes)).decode(bytes);
  const dom = new JSDOM(html, { url: `http://www.example.gov.cn/${name}` });
  const analysis = analyze(dom.window.document, { capturedAt: CAPTURED, ...opts });
  // Every record a test looks at must pass the schema.
  ReportRecord.parse(analysis.record);
  return { ...analysis, document: dom.window.document };
}

export function failing(record: ReportRecord, severity?: string): string[] {
  return record.findings
    .filter((f) => f.status === 'fail' && (!severity || f.severity === severity))
    .map((f) => f.id)
    .sort();
}
