/** Root causes: a line left blank throughout is one finding, and the equations over it are na. */
import { describe, expect, it } from 'vitest';
import { blankLines } from '../../lib/checks/blankLines';
import type { ReportRecord } from '../../lib/record/schema';
import { analyzeFixture, failing } from './helpers';
import { T3_COLS as COLS, checkTables, consistent, t3Tables } from './tables';

const byId = (r: ReportRecord, id: string) => r.findings.find((f) => f.id === id);

describe('lines left blank throughout, on fixture pages', () => {
  it.each(['blank-total-column-slash.html', 'blank-total-column.html'])('%s: the 总计 column, once', (file) => {
    const { record } = analyzeFixture(file);
    expect(failing(record)).toEqual(['cell.blankLine:applications.column.total']);
    expect(record.findings.filter((f) => f.rule.startsWith('t3.') && f.status === 'na')).toHaveLength(27);
    expect(record.findings.filter((f) => f.severity === 'error' && f.status === 'fail')).toEqual([]);
  });

  it.each(['plain', 'word'])('the （七）总计 row left blank (%s): one finding, its 15 equations na', (style) => {
    const { record } = analyzeFixture(`blank-total-row-${style}.html`);
    expect(record.tables.applications?.totalProcessed?.naturalPerson).toMatchObject({ value: null, kind: 'blank' });
    expect(record.tables.applications?.granted?.naturalPerson).toMatchObject({ value: 8, kind: 'number' });
    expect(failing(record)).toEqual(['cell.blankLine:applications.row.totalProcessed']);
    const line = byId(record, 'cell.blankLine:applications.row.totalProcessed');
    expect(line).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(line?.cells.map((c) => c.column)).toEqual(COLS);
    expect(line?.message).toBe(
      '表三「（七）总计」行整行未填写（7 格都是空白或占位符），而同表其他格有数字：依赖它的 15 个等式无法核对，在此作为一处问题报告。',
    );
    const na = record.findings.filter((f) => f.status === 'na').map((f) => f.id);
    expect(na).toEqual([
      't3.rowTotal:totalProcessed',
      ...COLS.map((c) => `t3.resultsSum:${c}`),
      ...COLS.map((c) => `t3.balance:${c}`),
      // The narrative's 办结 figure has nothing to be compared with: the row was left blank.
      'narrative.totalProcessed:1',
    ]);
    expect(byId(record, 't3.balance:total')?.message).toBe(
      '无法核对：表三「（七）总计」行未填写（见 cell.blankLine:applications.row.totalProcessed）。「总计」列：本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理',
    );
    expect(byId(record, 'narrative.totalProcessed:1')?.message).toBe('正文说办结（（七）总计） 27 件，表格中这一栏未填写。');
    // The rows that hold their figures still add up.
    expect(byId(record, 't3.rowTotal:granted')?.status).toBe('pass');
    expect(byId(record, 'cell.blank:applications')?.status).toBe('pass');
  });

  it.each(['plain', 'thead'])(
    '表四 with every group’s 总计 blank (%s): one finding, t4.total na, the narrative reads the parts',
    (style) => {
      const { record } = analyzeFixture(`blank-t4-totals-${style}.html`);
      expect(failing(record)).toEqual(['cell.blankLine:reviewLitigation.column.total']);
      const line = byId(record, 'cell.blankLine:reviewLitigation.column.total');
      expect(line?.cells).toEqual(
        ['review', 'litigationDirect', 'litigationAfterReview'].map((row) => ({ table: 'reviewLitigation', row, column: 'total' })),
      );
      for (const g of ['review', 'litigationDirect', 'litigationAfterReview']) expect(byId(record, `t4.total:${g}`)?.status).toBe('na');
      // 行政复议4件 and 行政诉讼3件 in the text are what the parts of 表四 give.
      expect(byId(record, 'narrative.review:1')).toMatchObject({ status: 'pass', expected: 4, actual: 4 });
      expect(byId(record, 'narrative.litigation:1')).toMatchObject({ status: 'pass', expected: 3 });
      expect(byId(record, 'narrative.review:1')?.message).toBe('正文所述行政复议 4 件，与表格一致（总计栏空白，按四项结果之和计）。');
      expect(byId(record, 'cell.blankLine:applications')?.status).toBe('pass');
    },
  );
});

function t3(edit: (rows: Record<string, (number | string)[]>) => void = () => {}): ReportRecord['tables'] {
  const rows = consistent();
  edit(rows);
  return t3Tables(rows);
}

const failed = (tables: ReportRecord['tables']) =>
  checkTables(tables)
    .filter((f) => f.status === 'fail')
    .map((f) => f.id);

describe('which blanks are a line', () => {
  it('a column blank throughout whose sums hold is no line: its blanks are zeros, listed by cell.blank', () => {
    const tables = t3((rows) => {
      for (const r of Object.values(rows)) r[2] = '';
    });
    expect(blankLines(tables)).toEqual([]);
    expect(failed(tables)).toEqual(['cell.blank:applications']);
  });

  it('a single blank among numbers stays a failure with the cell assumed zero, and the suspect (the worked case)', () => {
    const tables = t3((rows) => {
      (rows.granted ?? [])[6] = '';
    });
    expect(blankLines(tables)).toEqual([]);
    const findings = checkTables(tables);
    expect(findings.filter((f) => f.status === 'fail').map((f) => f.id)).toEqual([
      't3.rowTotal:granted',
      't3.resultsSum:total',
      'cell.blank:applications',
    ]);
    const row = findings.find((f) => f.id === 't3.rowTotal:granted');
    expect(row).toMatchObject({ assumedZero: [{ table: 'applications', row: 'granted', column: 'total' }], suspectValue: 9 });
  });

  it('a blank row beside a blank column: two lines, each once', () => {
    const tables = t3((rows) => {
      for (const r of Object.values(rows)) r[6] = '';
      rows.carriedForward = ['', '', '', '', '', '', ''];
    });
    expect(blankLines(tables).map((l) => [l.id, l.equations.length])).toEqual([
      ['cell.blankLine:applications.row.carriedForward', 8],
      ['cell.blankLine:applications.column.total', 27],
    ]);
    expect(failed(tables)).toEqual(['cell.blankLine:applications.row.carriedForward', 'cell.blankLine:applications.column.total']);
  });

  it('a blank column keeps the truly failing equations that do not depend on it', () => {
    const tables = t3((rows) => {
      for (const r of Object.values(rows)) r[6] = '';
      (rows.granted ?? [])[0] = 7;
    });
    expect(failed(tables)).toEqual(['t3.resultsSum:naturalPerson', 'cell.blankLine:applications.column.total']);
  });
});
