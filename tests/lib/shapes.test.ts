import { describe, expect, it } from 'vitest';
import { analyze, recheckSteps } from '../../lib/analyze';
import type { ReportRecord } from '../../lib/record/schema';
import { drain } from '../../lib/steps';
import { analyzeFixture, CAPTURED, failing } from './helpers';

type Table = keyof ReportRecord['tables'];
const cell = (r: ReportRecord, t: Table, row: string, col: string) => r.tables[t]?.[row]?.[col];
const finding = (r: ReportRecord, id: string) => r.findings.find((f) => f.id === id);

describe('pages that are not reports, or not checkable', () => {
  it.each([
    ['non-report-plain.html', 'report.detected:page'],
    ['non-report-with-table.html', 'report.detected:page'],
    ['template-notice.html', 'report.template:page'],
    ['pre2019-report.html', 'report.pre2019:page'],
  ])('%s: no tables, exactly one na finding (%s)', (file, id) => {
    const { record } = analyzeFixture(file);
    expect(record.tables).toEqual({});
    expect(record.findings.map((f) => [f.id, f.status])).toEqual([[id, 'na']]);
  });

  it('tells the format notice (template with empty tables) from a report', () => {
    expect(analyzeFixture('template-notice.html').record.report).toMatchObject({ isReport: false, isTemplate: true });
  });

  it('takes a pre-2019 report for a report, of its year, without standard tables', () => {
    expect(analyzeFixture('pre2019-report.html').record.report).toMatchObject({
      isReport: true,
      isTemplate: false,
      year: 2017,
      formatVersion: 'unknown',
    });
  });

  it('does not take a page that links to reports for a report', () => {
    expect(analyzeFixture('non-report-with-table.html').record.report).toMatchObject({ isReport: false, isTemplate: false });
  });

  it('a report whose tables are images: tablesAsImages fails, the arithmetic is na', () => {
    const { record } = analyzeFixture('tables-as-images.html');
    expect(record.report).toMatchObject({ isReport: true, year: 2023 });
    expect(failing(record)).toEqual(['format.tablesAsImages:report']);
    expect(finding(record, 't3.balance:applications')?.status).toBe('na');
    expect(finding(record, 't4.total:reviewLitigation')?.status).toBe('na');
  });
});

describe('shapes of real pages', () => {
  it('blank 总计 column: one finding names the column, the equations over it cannot be checked', () => {
    const { record } = analyzeFixture('blank-total-column.html');
    expect(cell(record, 'applications', 'newReceived', 'total')).toEqual(expect.objectContaining({ value: null, kind: 'blank', raw: '' }));
    expect(cell(record, 'applications', 'newReceived', 'naturalPerson')).toMatchObject({ value: 16, kind: 'number' });
    // One problem, not nine row totals: the column left blank is the cause (rules.md, root causes).
    expect(failing(record)).toEqual(['cell.blankLine:applications.column.total']);
    const line = finding(record, 'cell.blankLine:applications.column.total');
    expect(line).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(line?.cells).toHaveLength(25);
    expect(line?.cells.every((c) => c.column === 'total')).toBe(true);
    expect(line?.message).toContain('表三「总计」列整列未填写（25 格都是空白或占位符）');
    expect(line?.message).toContain('依赖它的 27 个等式无法核对');
    // Every equation over the column is na, "cannot be checked: left blank"; none is a failure.
    const overColumn = record.findings.filter(
      (f) => f.cells.some((c) => c.table === 'applications' && c.column === 'total') && f.rule.startsWith('t3.'),
    );
    expect(overColumn).toHaveLength(27);
    for (const f of overColumn) {
      expect(f.status, f.id).toBe('na');
      expect(f.message).toMatch(/^无法核对：表三「总计」列未填写（见 cell\.blankLine:applications\.column\.total）。/);
      expect(f.expected).toBeUndefined();
    }
    // The blanks belong to the line, not to cell.blank (they are not read as zeros at all).
    expect(finding(record, 'cell.blank:applications')).toMatchObject({
      status: 'pass',
      message: '表三除整行或整列未填写的以外，没有空白单元格。',
    });
    // The equations that do not touch the column still hold.
    expect(finding(record, 't3.resultsSum:naturalPerson')?.status).toBe('pass');
    expect(finding(record, 't3.balance:commercial')?.status).toBe('pass');
    // The narrative's figures are compared with what the table gives: the applicant columns.
    expect(finding(record, 'narrative.newReceived:1')).toMatchObject({ status: 'pass', expected: 20 });
    expect(record.findings.some((f) => f.suspect)).toBe(false);
  });

  it('表三 split across three tables reads as one table', () => {
    const { record, tables } = analyzeFixture('split-t3-three-parts.html');
    expect(Object.keys(record.tables.applications ?? {})).toHaveLength(25);
    expect(cell(record, 'applications', 'newReceived', 'total')).toMatchObject({ value: 71 });
    expect(cell(record, 'applications', 'unable.notHeld', 'commercial')).toMatchObject({ value: 2 });
    expect(cell(record, 'applications', 'notProcessed.duplicate', 'total')).toMatchObject({ value: 0 });
    expect(cell(record, 'applications', 'carriedForward', 'total')).toMatchObject({ value: 5 });
    expect(tables).toHaveLength(5);
    expect(failing(record)).toEqual([]);
  });

  it('a 2019-format report: 2019 keys, signed 增/减, money with its unit', () => {
    const { record } = analyzeFixture('format2019-report.html');
    expect(record.report).toMatchObject({ year: 2020, formatVersion: '2019' });
    expect(cell(record, 'activeDisclosure', 'licensing', 'change')).toMatchObject({ value: 2, raw: '+2', kind: 'number' });
    expect(cell(record, 'activeDisclosure', 'procurement', 'amount')).toMatchObject({ value: 386.5, unit: '万元' });
    expect(cell(record, 'applications', 'otherHandling', 'total')).toMatchObject({ value: 2 });
    expect(Object.keys(record.tables.applications ?? {})).toHaveLength(23);
    expect(failing(record)).toEqual([]);
  });

  it('a 2022 report on the 2019 template: format.version fails, nothing else', () => {
    const { record } = analyzeFixture('year2022-on-2019-template.html');
    expect(record.report).toMatchObject({ year: 2022, formatVersion: '2019' });
    expect(failing(record)).toEqual(['format.version:report']);
  });

  it('the traditional-Chinese mirror reads like its simplified original (seed 001)', () => {
    const mirror = analyzeFixture('traditional-mirror.html').record;
    const original = analyzeFixture('seed001-plain.html').record;
    expect(mirror.report).toMatchObject({ script: 'traditional', agency: '南湖区人民政府办公室', year: 2023, formatVersion: '2021' });
    const values = (r: ReportRecord) =>
      JSON.stringify(r.tables, (k, v) => (k === 'raw' || k === 'label' || k === 'at' || k === 'notes' ? undefined : v));
    expect(values(mirror)).toBe(values(original));
    expect(failing(mirror)).toEqual(['narrative.unable.notHeld:1']);
  });

  it('a GBK-encoded page is decoded by its meta charset', () => {
    const { record } = analyzeFixture('gbk-encoded.html');
    expect(record.report).toMatchObject({ agency: '渌口区财政局', year: 2023 });
    expect(cell(record, 'applications', 'newReceived', 'total')).toMatchObject({ value: 0, kind: 'number' });
    expect(failing(record)).toEqual(['format.labels:applications']);
  });

  it('a report nested in a layout table is read, with its tables apart from the layout', () => {
    const { record, tables } = analyzeFixture('nested-layout-table.html');
    expect(record.report).toMatchObject({ isReport: true, agency: '城关区教育局', year: 2022 });
    expect(cell(record, 'applications', 'newReceived', 'total')).toMatchObject({ value: 23 });
    expect(cell(record, 'reviewLitigation', 'review', 'total')).toMatchObject({ value: 1 });
    for (const t of tables) expect(t.querySelector('table')).toBeNull();
    expect(failing(record)).toEqual([]);
  });

  it('extra rows and columns go to extras, not into template keys', () => {
    const { record } = analyzeFixture('extra-rows-columns.html');
    expect(record.extras?.map((e) => [e.table, e.kind, e.label])).toEqual([
      ['applications', 'row', '三、本年度办理结果 / 不予公开小计'],
      ['applications', 'column', '法人小计'],
    ]);
    expect(Object.keys(record.tables.applications?.newReceived ?? {})).toEqual([
      'naturalPerson',
      'commercial',
      'research',
      'publicInterest',
      'legalService',
      'otherOrg',
      'total',
    ]);
    expect(cell(record, 'applications', 'newReceived', 'otherOrg')).toMatchObject({ value: 2 });
    expect(failing(record)).toEqual(['format.labels:applications']);
    expect(finding(record, 'format.labels:applications')?.message).toContain('多出列「法人小计」');
  });

  it('a value cell spanning two columns is read into the first, the second as a merged blank', () => {
    const { record, elements } = analyzeFixture('irregular-colspan.html');
    expect(cell(record, 'applications', 'withheld.securityStability', 'commercial')).toMatchObject({ value: 0, kind: 'number' });
    expect(cell(record, 'applications', 'withheld.securityStability', 'research')).toMatchObject({ value: null, kind: 'blank' });
    expect(elements.get('applications|withheld.securityStability|research')).toBe(
      elements.get('applications|withheld.securityStability|commercial'),
    );
    expect(failing(record)).toEqual(['cell.blank:applications', 'format.labels:applications']);
  });

  it("every cell's element is the one its value was read from, also where a row is repeated; found-again elements override", () => {
    const { document } = analyzeFixture('seed000-plain.html');
    // 表三's 部分公开 row written twice, the second time with other figures: the first is read, the second is a duplicate.
    const row = Array.from(document.querySelectorAll('tr')).find((tr) => tr.firstElementChild?.textContent?.includes('部分公开'));
    const copy = row?.cloneNode(true) as Element;
    for (const td of Array.from(copy.children).slice(1)) td.textContent = '777';
    row?.after(copy);
    const group = Array.from(document.querySelectorAll('td')).find((td) => td.textContent === '三、本年度办理结果');
    group?.setAttribute('rowspan', String(Number(group.getAttribute('rowspan')) + 1));
    const { record, elements } = analyze(document, { capturedAt: CAPTURED });
    const total = cell(record, 'applications', 'partiallyGranted', 'total');
    expect(total?.value).toBe(0);
    expect(finding(record, 'format.labels:applications')?.message).toContain('部分公开');
    const el = elements.get('applications|partiallyGranted|total');
    expect(el?.closest('tr')).toBe(row);
    expect(el?.textContent?.trim()).toBe(total?.raw);
    expect(record.reading?.cellsRead).toBeGreaterThan(0);
    // every cell of every table leads to an element showing its text
    for (const [table, rows] of Object.entries(record.tables))
      for (const [r, cols] of Object.entries(rows ?? {}))
        for (const [c, v] of Object.entries(cols)) expect(elements.get(`${table}|${r}|${c}`)?.textContent?.trim(), `${r}.${c}`).toBe(v.raw);
    // a key naming no cell, or reaching into the prototype, finds nothing
    expect(elements.get('applications|granted|nope')).toBeUndefined();
    expect(elements.get('applications|constructor|name')).toBeUndefined();
    expect(elements.has('applications|__proto__|total')).toBe(false);
    // an element found again after the page changed is kept, a lost one is forgotten
    const moved = document.createElement('td');
    elements.set('applications|granted|total', moved);
    expect(elements.get('applications|granted|total')).toBe(moved);
    elements.delete('applications|granted|total');
    expect(elements.has('applications|granted|total')).toBe(false);
  });
});

describe('injected faults', () => {
  it('one typo: two equations fail and the suspect cell is named with its likely value', () => {
    const { record } = analyzeFixture('typo-suspect.html');
    expect(failing(record)).toEqual(['t3.resultsSum:commercial', 't3.rowTotal:withheld.thirdParty']);
    for (const id of ['t3.resultsSum:commercial', 't3.rowTotal:withheld.thirdParty']) {
      expect(finding(record, id)).toMatchObject({
        suspect: { table: 'applications', row: 'withheld.thirdParty', column: 'commercial' },
        suspectValue: 2,
        difference: -3,
      });
    }
  });

  it('a wrong （七）总计 cell: three equations fail, one suspect', () => {
    const { record } = analyzeFixture('typo-total.html');
    expect(failing(record)).toEqual(['t3.balance:naturalPerson', 't3.resultsSum:naturalPerson', 't3.rowTotal:totalProcessed']);
    expect(
      new Set(record.findings.filter((f) => f.suspect).map((f) => `${f.suspect?.row}.${f.suspect?.column}=${f.suspectValue}`)),
    ).toEqual(new Set(['totalProcessed.naturalPerson=68']));
  });

  it('the worked case of rules.md', () => {
    const { record } = analyzeFixture('worked-case.html');
    expect(failing(record)).toEqual(['cell.blank:applications', 'narrative.granted:1', 't3.resultsSum:total', 't3.rowTotal:granted']);
    expect(finding(record, 't3.rowTotal:granted')).toMatchObject({
      assumedZero: [{ row: 'granted', column: 'total' }],
      suspect: { row: 'granted', column: 'total' },
      suspectValue: 9,
    });
    expect(finding(record, 't3.resultsSum:total')).toMatchObject({ difference: 9 });
    expect(finding(record, 'narrative.granted:1')).toMatchObject({ severity: 'warning', actual: 12, expected: 9 });
    expect(finding(record, 'narrative.granted:1')?.quote).toContain('予以公开12件');
    for (const id of ['t3.balance:naturalPerson', 't3.balance:total', 't3.balance:commercial'])
      expect(finding(record, id)?.status).toBe('pass');
  });

  it('a narrative that contradicts its table: one warning per figure, quoting the sentence', () => {
    const { record } = analyzeFixture('narrative-contradiction.html');
    expect(failing(record)).toEqual(['narrative.granted:1', 'narrative.review:1']);
    expect(finding(record, 'narrative.granted:1')).toMatchObject({
      actual: 12,
      expected: 9,
      cells: [{ table: 'applications', row: 'granted', column: 'total' }],
    });
    expect(finding(record, 'narrative.review:1')).toMatchObject({ actual: 3, expected: 2 });
    expect(finding(record, 'narrative.review:1')?.quote).toContain('行政复议3件');
  });

  it('domain errors: a negative and a decimal count; full-width, separators and units read fine', () => {
    const { record } = analyzeFixture('domain-error.html');
    expect(failing(record)).toEqual(['cell.domain:applications', 't3.resultsSum:naturalPerson', 't3.rowTotal:granted']);
    expect(finding(record, 'cell.domain:applications')?.cells).toEqual([
      { table: 'applications', row: 'granted', column: 'naturalPerson' },
      { table: 'applications', row: 'withheld.thirdParty', column: 'naturalPerson' },
    ]);
    expect(cell(record, 'applications', 'newReceived', 'naturalPerson')).toMatchObject({ value: 12, raw: '１２', kind: 'number' });
    expect(finding(record, 't3.rowTotal:granted')).toMatchObject({ suspect: { row: 'granted', column: 'naturalPerson' }, suspectValue: 3 });
  });

  it('表四 total that does not add up', () => {
    const { record } = analyzeFixture('t4-inconsistent.html');
    expect(failing(record)).toEqual(['t4.total:review']);
    expect(finding(record, 't4.total:review')).toMatchObject({ actual: 3, expected: 4, difference: -1 });
  });

  it('title year against statistics period', () => {
    const { record } = analyzeFixture('year-mismatch.html');
    expect(failing(record)).toEqual(['year.consistency:report']);
    expect(finding(record, 'year.consistency:report')).toMatchObject({ expected: 2023, actual: 2022 });
  });

  it('sections missing and out of order', () => {
    const { record } = analyzeFixture('sections-missing.html');
    expect(failing(record)).toEqual(['format.sections:report']);
    expect(record.report.sections?.map((s) => s.index)).toEqual([1, 2, 3, 6, 4]);
  });
});

describe('cross-year', () => {
  const previous = analyzeFixture('cross-year-2022.html').record;

  it('runs only when last year is supplied', () => {
    expect(analyzeFixture('cross-year-2023.html').record.findings.filter((f) => f.rule.startsWith('crossYear'))).toEqual([]);
  });

  it('passes when 上年结转 = last year 结转下年度 and 现行有效 carries over', () => {
    const { record } = analyzeFixture('cross-year-2023.html', { previous });
    const cross = record.findings.filter((f) => f.rule.startsWith('crossYear'));
    expect(cross).toHaveLength(9);
    expect(cross.every((f) => f.status === 'pass')).toBe(true);
  });

  it('fails per column and per row where they differ', () => {
    const { record } = analyzeFixture('cross-year-2023-bad.html', { previous });
    // The synthetic narrative is the same every year apart from its figures: the evaluator rules say so.
    expect(failing(record)).toEqual([
      'content.problems:section5',
      'crossYear.carryOver:commercial',
      'crossYear.carryOver:total',
      'crossYear.inForce:regulations',
      'text.similarity:section1',
      'text.similarity:section5',
    ]);
    expect(finding(record, 'crossYear.inForce:regulations')).toMatchObject({ actual: 35, expected: 34, difference: 1 });
  });

  it('checking an analysis again with last year gives what reading with it gives, without reading the page again', () => {
    const alone = analyzeFixture('cross-year-2023-bad.html');
    const withPrevious = analyzeFixture('cross-year-2023-bad.html', { previous }).record;
    const again = drain(recheckSteps(alone, previous));
    expect(again.record.findings).toEqual(withPrevious.findings);
    expect(failing(again.record).filter((id) => id.startsWith('crossYear.'))).toEqual([
      'crossYear.carryOver:commercial',
      'crossYear.carryOver:total',
      'crossYear.inForce:regulations',
    ]);
    // the same cells, elements and tables: nothing was read again
    expect(again.record.tables).toBe(alone.record.tables);
    expect(again.elements).toBe(alone.elements);
    // the first analysis is left as it was, and checking without a previous record drops the cross-year findings
    expect(alone.record.findings.some((f) => f.rule.startsWith('crossYear'))).toBe(false);
    expect(drain(recheckSteps(again)).record.findings).toEqual(alone.record.findings);
  });

  it('a page that is not a report has nothing to check again', () => {
    const other = analyzeFixture('iframe-body.html');
    expect(drain(recheckSteps(other, previous))).toBe(other);
  });
});

describe('bodies the browser assembles', () => {
  it('the iframe page alone (frames not loaded) is not taken for a report; its inner page is one', () => {
    expect(analyzeFixture('iframe-body.html').record.report.isReport).toBe(false);
    const inner = analyzeFixture('iframe-body-inner.html').record;
    expect(inner.report).toMatchObject({ isReport: true, agency: '东湖区农业农村局', year: 2023 });
    expect(failing(inner)).toEqual([]);
  });

  it('a script-loaded body is not there before scripts run (the extension waits for it)', () => {
    const { record, document } = analyzeFixture('script-loaded-body.html');
    expect(record.report.isReport).toBe(false);
    expect(Array.from(document.querySelectorAll('script')).some((s) => s.textContent?.includes('本年新收'))).toBe(true);
  });
});
