/**
 * The record's schema (record.md): the Zod schema accepts what the engine makes and rejects what
 * record.md rules out, and the shipped JSON Schema is the one generated from it and says the same.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportRecordJsonSchema } from '../../lib/output/jsonSchema';
import { ReportRecord } from '../../lib/record/schema';
import { analyzeFixture } from './helpers';

// biome-ignore lint/suspicious/noExplicitAny: records bent out of shape on purpose, and the JSON Schema's nesting
type Loose = any;

const shipped: Loose = JSON.parse(readFileSync(new URL('../../schema/report-record.schema.json', import.meta.url), 'utf8'));
const record = analyzeFixture('typo-suspect.html').record;
/** A deep copy of the fixture's record, changed by `edit`. */
const changed = (edit: (r: Loose) => void): unknown => {
  const r = structuredClone(record) as Loose;
  edit(r);
  return r;
};
/** Where the schema finds fault in `value`, as dotted paths ([] when it accepts it). */
const faults = (value: unknown): string[] => {
  const parsed = ReportRecord.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('the Zod schema', () => {
  it('accepts a record the engine made, unchanged', () => {
    expect(faults(record)).toEqual([]);
    expect(ReportRecord.parse(record)).toEqual(record);
  });

  it.each([
    ['a schema version it does not know', (r: Loose) => (r.schemaVersion = 2), 'schemaVersion'],
    ['a capture time that is not ISO 8601', (r: Loose) => (r.source.capturedAt = '2023年1月1日'), 'source.capturedAt'],
    ['a source kind that is no kind of file', (r: Loose) => (r.source.kind = 'xls'), 'source.kind'],
    ['a format version other than 2019, 2021 or unknown', (r: Loose) => (r.report.formatVersion = '2020'), 'report.formatVersion'],
    ['a status other than pass, fail or na', (r: Loose) => (r.findings[0].status = 'ok'), 'findings.0.status'],
    ['a finding without its cells', (r: Loose) => delete r.findings[0].cells, 'findings.0.cells'],
    [
      'a cell without its raw text',
      (r: Loose) => delete r.tables.applications.newReceived.total.raw,
      'tables.applications.newReceived.total.raw',
    ],
    [
      'a cell reference to a table that does not exist',
      (r: Loose) => (r.findings.find((f: { cells: unknown[] }) => f.cells.length).cells[0].table = 'appendix'),
      /^findings\.\d+\.cells\.0\.table$/,
    ],
  ])('rejects %s', (_, edit, path) => {
    const found = faults(changed(edit));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(path);
  });

  it('reads a record stored before `source.kind` existed as read from HTML', () => {
    const old = changed((r) => delete r.source.kind);
    expect(ReportRecord.parse(old).source.kind).toBe('html');
  });
});

describe('the JSON Schema', () => {
  it('is the one generated from the Zod schema (npm run schema)', () => {
    expect(shipped).toEqual(reportRecordJsonSchema());
  });

  it('requires the fields record.md requires, with its values', () => {
    expect(shipped.required).toEqual(['schemaVersion', 'source', 'report', 'tables', 'findings', 'derived']);
    expect(shipped.properties.source.required).toEqual(['url', 'title', 'capturedAt', 'kind']);
    // record.md's three, and the formats read only to say they cannot be read here.
    expect(shipped.properties.source.properties.kind.enum).toEqual(['html', 'pdf', 'docx', 'doc', 'wps', 'ofd']);
    const finding = shipped.properties.findings.items;
    expect(finding.required).toEqual(['id', 'rule', 'status', 'severity', 'message', 'cells']);
    expect(finding.properties.status.enum).toEqual(['pass', 'fail', 'na']);
    expect(finding.properties.severity.enum).toEqual(['error', 'warning', 'info']);
    expect(finding.properties.cells.items.properties.table.enum).toEqual(['activeDisclosure', 'applications', 'reviewLitigation']);
    const cell = shipped.properties.tables.properties.applications.additionalProperties.additionalProperties;
    expect(cell.required).toEqual(['value', 'raw', 'kind']);
    expect(cell.properties.kind.enum).toEqual(['number', 'blank', 'placeholder', 'text']);
  });
});
