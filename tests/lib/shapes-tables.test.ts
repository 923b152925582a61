/** The table shapes of issue 15 (fixtures of tests/fixtures/src/shapes-tables.ts), each in two markup styles. */
import { describe, expect, it } from 'vitest';
import type { Cell, ReportRecord, TableKey } from '../../lib/record/schema';
import { analyzeFixture, failing } from './helpers';

/** Word pages take seconds to parse on a loaded 2-core machine. */
const TIMEOUT = 30_000;

const cell = (r: ReportRecord, t: TableKey, row: string, col: string): Cell | undefined => r.tables[t]?.[row]?.[col];
const status = (r: ReportRecord, id: string) => r.findings.find((f) => f.id === id)?.status;

/** Every cell of the record leads to the element it was read from, which shows its raw text. */
function pointsRight(file: string): void {
  const { record, elements } = analyzeFixture(file);
  for (const [t, rows] of Object.entries(record.tables))
    for (const [row, cols] of Object.entries(rows ?? {}))
      for (const [col, c] of Object.entries(cols)) {
        if (c.notes?.some((n) => n.includes('合并'))) continue;
        const el = elements.get(`${t}|${row}|${col}`);
        expect(el?.tagName, `${file} ${t}.${row}.${col}`).toMatch(/^T[DH]$/);
        expect((el?.textContent ?? '').replace(/\s+/g, ''), `${file} ${t}.${row}.${col}`).toContain(c.raw.replace(/\s+/g, ''));
      }
}

/** The figures of the busy report all these pages share (shapes-tables.ts `busy`). */
function busyCells(r: ReportRecord): void {
  expect(cell(r, 'activeDisclosure', 'licensing', 'decisions')).toMatchObject({ value: 2318, kind: 'number' });
  expect(cell(r, 'activeDisclosure', 'normativeDocuments', 'inForce')).toMatchObject({ value: 64, kind: 'number' });
  expect(cell(r, 'applications', 'newReceived', 'total')).toMatchObject({ value: 88, kind: 'number' });
  expect(cell(r, 'applications', 'unable.notHeld', 'commercial')).toMatchObject({ value: 2, kind: 'number' });
  expect(cell(r, 'applications', 'otherHandling.other', 'naturalPerson')).toMatchObject({ value: 1, kind: 'number' });
  expect(cell(r, 'applications', 'totalProcessed', 'total')).toMatchObject({ value: 88, kind: 'number' });
  expect(cell(r, 'applications', 'carriedForward', 'total')).toMatchObject({ value: 5, kind: 'number' });
  expect(Object.keys(r.tables.applications ?? {})).toHaveLength(25);
  expect(cell(r, 'reviewLitigation', 'review', 'upheld')).toMatchObject({ value: 3, kind: 'number' });
  expect(cell(r, 'reviewLitigation', 'litigationDirect', 'other')).toMatchObject({ value: 1, kind: 'number' });
  expect(cell(r, 'reviewLitigation', 'litigationAfterReview', 'corrected')).toMatchObject({ value: 1, kind: 'number' });
  // all 14 total and balance equations are checked (none na)
  expect(r.findings.filter((f) => /^t3\.(?:balance|resultsSum)/.test(f.rule) && f.status === 'na')).toEqual([]);
}

describe('several tables in one <table>', () => {
  it.each(['tables-one-grid.html', 'tables-one-grid-word.html'])(
    '%s: 表二, 表三 and 表四 apart, by their labels',
    (file) => {
      const { record, tables } = analyzeFixture(file);
      expect(tables).toHaveLength(1);
      busyCells(record);
      expect(cell(record, 'reviewLitigation', 'litigationDirect', 'total')).toMatchObject({ value: 4 });
      expect(failing(record)).toEqual(['narrative.litigation:1', 't4.total:litigationDirect']);
      // the captions written as full-width rows are the report's section headings
      expect(record.report.sections?.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(record.extras).toBeUndefined();
      pointsRight(file);
    },
    TIMEOUT,
  );
});

describe('one table over several <table>s', () => {
  it.each(['t4-review-litigation-split.html', 't4-review-litigation-split-thead.html'])(
    '%s: 表四 as a 行政复议 table and a 行政诉讼 table',
    (file) => {
      const { record } = analyzeFixture(file);
      busyCells(record);
      expect(cell(record, 'reviewLitigation', 'litigationDirect', 'total')).toMatchObject({ value: 3 });
      expect(cell(record, 'reviewLitigation', 'litigationAfterReview', 'total')).toMatchObject({ value: 3 });
      expect(failing(record)).toEqual(['narrative.litigation:1', 't4.total:litigationAfterReview']);
      expect(status(record, 't4.total:litigationDirect')).toBe('pass');
      expect(status(record, 't4.total:review')).toBe('pass');
      pointsRight(file);
    },
    TIMEOUT,
  );

  it.each(['t3-header-repeated.html', 't3-header-repeated-thead.html', 't3-header-alone.html', 't3-header-alone-word.html'])(
    '%s: 表三 with its header repeated, or alone before a page break; 表四 header and data apart',
    (file) => {
      const { record } = analyzeFixture(file);
      busyCells(record);
      expect(cell(record, 'applications', 'withheld.thirdParty', 'naturalPerson')).toMatchObject({ value: 3 });
      expect(cell(record, 'reviewLitigation', 'litigationAfterReview', 'total')).toMatchObject({ value: 2 });
      expect(failing(record)).toEqual([]);
      expect(status(record, 'format.labels:applications')).toBe('pass');
      pointsRight(file);
    },
    TIMEOUT,
  );
  it.each(['t3-split-header.html', 't3-split-header-word.html', 't3-split-header-cut.html', 't3-split-header-cut-word.html'])(
    '%s: 表三 header alone (or cut) and one column wider than its data, then parts after 续表 lines',
    (file) => {
      const { record } = analyzeFixture(file);
      busyCells(record);
      // the value columns of the parts after the header-only part are the header's, not one to the left
      expect(cell(record, 'applications', 'withheld.stateSecret', 'naturalPerson')).toMatchObject({ value: 1, kind: 'number' });
      expect(cell(record, 'applications', 'withheld.thirdParty', 'naturalPerson')).toMatchObject({ value: 3, kind: 'number' });
      expect(cell(record, 'applications', 'withheld.thirdParty', 'commercial')).toMatchObject({ value: 1, kind: 'number' });
      expect(cell(record, 'applications', 'unable.notHeld', 'naturalPerson')).toMatchObject({ value: 18, kind: 'number' });
      expect(cell(record, 'applications', 'unable.notHeld', 'total')).toMatchObject({ value: 23, kind: 'number' });
      expect(cell(record, 'applications', 'notProcessed.complaint', 'naturalPerson')).toMatchObject({ value: 5, kind: 'number' });
      expect(cell(record, 'applications', 'notProcessed.duplicate', 'commercial')).toMatchObject({ value: 1, kind: 'number' });
      expect(cell(record, 'applications', 'notProcessed.duplicate', 'total')).toMatchObject({ value: 4, kind: 'number' });
      const t3 = record.findings.filter((f) => f.rule.startsWith('t3.'));
      expect(t3.length).toBeGreaterThan(20);
      expect(t3.filter((f) => f.status !== 'pass').map((f) => f.id)).toEqual([]);
      expect(status(record, 't3.rowTotal:withheld.thirdParty')).toBe('pass');
      expect(status(record, 't3.rowTotal:notProcessed.duplicate')).toBe('pass');
      expect(failing(record)).toEqual([]);
      // the stray header cell heads no extra column
      expect(record.extras).toBeUndefined();
      pointsRight(file);
    },
    TIMEOUT,
  );
});

describe('labels and script', () => {
  it.each(['labels-units-marks.html', 'labels-units-marks-word.html'])(
    '%s: units, footnote marks and invisible spaces in labels read as the template',
    (file) => {
      const { record } = analyzeFixture(file);
      busyCells(record);
      expect(cell(record, 'applications', 'notProcessed.duplicate', 'commercial')).toMatchObject({ value: 1 });
      expect(failing(record)).toEqual([]);
      for (const id of ['t3.rowTotal:totalProcessed', 't3.rowTotal:carriedForward', 't3.balance:total', 't3.resultsSum:total'])
        expect(status(record, id), id).toBe('pass');
      expect(status(record, 'format.labels:applications')).toBe('pass');
      pointsRight(file);
    },
    TIMEOUT,
  );

  it.each(['traditional-review.html', 'traditional-review-thead.html'])(
    '%s: a traditional-character page writing 復議',
    (file) => {
      const { record } = analyzeFixture(file);
      expect(record.report).toMatchObject({ script: 'traditional', agency: '中正区民政局', year: 2023 });
      busyCells(record);
      expect(cell(record, 'reviewLitigation', 'review', 'total')).toMatchObject({ value: 6 });
      expect(failing(record)).toEqual(['narrative.review:1', 't4.total:review']);
      pointsRight(file);
    },
    TIMEOUT,
  );
});

describe('what the page does not render', () => {
  it.each(['hidden-content.html', 'hidden-content-word.html'])(
    '%s: a mobile copy (class), a print copy (visibility), a decoy row (inline style) and cell (attribute) are not read',
    (file) => {
      const { record, tables } = analyzeFixture(file);
      busyCells(record);
      expect(cell(record, 'applications', 'granted', 'naturalPerson')).toMatchObject({ value: 26, raw: '26' });
      expect(cell(record, 'applications', 'granted', 'total')).toMatchObject({ value: 31 });
      expect(failing(record)).toEqual([]);
      expect(tables).toHaveLength(3);
      for (const t of tables) expect(t.closest('.m-only, .print-copy')).toBeNull();
      pointsRight(file);
    },
    TIMEOUT,
  );
});

describe('the 2019 template’s own spans', () => {
  it.each(['format2019-template-spans.html', 'format2019-template-spans-word.html'])(
    '%s: a value spanning a column its row does not have is no finding',
    (file) => {
      const { record } = analyzeFixture(file);
      expect(record.report.formatVersion).toBe('2019');
      expect(record.tables.activeDisclosure?.fees).toEqual({
        previousItems: expect.objectContaining({ value: 2, kind: 'number' }),
        change: expect.objectContaining({ value: 0, kind: 'number' }),
      });
      expect(cell(record, 'activeDisclosure', 'procurement', 'amount')).toMatchObject({ value: 152 });
      expect(failing(record)).toEqual([]);
      expect(status(record, 'format.labels:activeDisclosure')).toBe('pass');
      pointsRight(file);
    },
    TIMEOUT,
  );
});
