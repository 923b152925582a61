/** Bands of a grid (lib/tables/bands.ts), the signals they are cut by, and the bound on tables far beyond a report's size. */
import { describe, expect, it } from 'vitest';
import { analyze, MAX_READ_CELLS, MAX_READ_ROWS } from '../../lib/analyze';
import { buildGrid } from '../../lib/grid/grid';
import { ReportRecord } from '../../lib/record/schema';
import { cutBands, keepBands } from '../../lib/tables/bands';
import { cellSignal } from '../../lib/tables/classify';
import { CAPTURED, doc, table } from './helpers';

const bands = (html: string, open: Parameters<typeof cutBands>[1] = null) =>
  cutBands(buildGrid(table(html)), open).map((b) => [b.kind, b.from, b.to, b.width]);
const row = (...cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
const wide = (text: string, n: number) => `<tr><td colspan="${n}">${text}</td></tr>`;

describe('cell signals', () => {
  it('name the table a label belongs to, whether it heads columns, and captions', () => {
    expect(cellSignal('（三）不予公开')).toMatchObject({ kind: 'applications', header: false });
    expect(cellSignal('商业企业')).toMatchObject({ kind: 'applications', header: true });
    expect(cellSignal('未经复议直接起诉')).toMatchObject({ kind: 'reviewLitigation', header: true });
    expect(cellSignal('第二十条第（五）项')).toMatchObject({ kind: 'activeDisclosure', header: true });
    expect(cellSignal('行政许可')).toMatchObject({ kind: 'activeDisclosure', header: false });
    expect(cellSignal('三、收到和处理政府信息公开申请情况')).toMatchObject({ kind: 'applications', caption: true });
    expect(cellSignal('四、政府信息公开行政复议、行政诉讼情况')).toMatchObject({ kind: 'reviewLitigation', caption: true });
    expect(cellSignal('收到和處理政府信息公開申請情況')).toMatchObject({ kind: 'applications', caption: true });
    // words every table has, figures, blanks and 续表 say nothing; other words are text
    for (const s of ['（七）总计', '合计', '其他', '12', '', '续表', '—']) expect(cellSignal(s), s).toBe('neutral');
    expect(cellSignal('序号')).toBe('other');
  });
});

describe('cutBands', () => {
  it('cuts a <table> holding 表二, 表三 and 表四 where each one’s labels start', () => {
    const html = [
      wide('第二十条第（五）项', 2),
      row('信息内容', '本年处理决定数量'),
      row('行政许可', '12'),
      wide('三、收到和处理政府信息公开申请情况', 5),
      row('申请人情况', '自然人', '商业企业', '其他', '总计'),
      row('一、本年新收政府信息公开申请数量', '1', '0', '0', '1'),
      row('四、结转下年度继续办理', '0', '0', '0', '0'),
      wide('四、政府信息公开行政复议、行政诉讼情况', 5),
      row('行政复议', '行政复议', '行政复议', '行政复议', '行政复议'),
      row('结果维持', '结果纠正', '其他结果', '尚未审结', '总计'),
      row('1', '0', '0', '0', '1'),
    ].join('');
    expect(bands(html)).toEqual([
      ['activeDisclosure', 0, 3, 2],
      ['applications', 3, 7, 5],
      ['reviewLitigation', 7, 11, 5],
    ]);
  });

  it('starts a band again where a 表三 or 表四 header comes back after its data', () => {
    const t4 = row('行政复议', '结果维持') + row('1', '1');
    expect(bands(t4 + t4)).toEqual([
      ['reviewLitigation', 0, 2, 2],
      ['reviewLitigation', 2, 4, 2],
    ]);
  });

  it('a <table> of figures continues the table before it; one of other words does not', () => {
    expect(bands(row('1', '0', '0') + row('2', '0', '0'), 'reviewLitigation')).toEqual([['reviewLitigation', 0, 2, 3]]);
    expect(bands(row('1', '0', '0'))).toEqual([]);
    expect(bands(row('序号', '事项') + row('1', '许可'), 'applications')).toEqual([]);
  });

  it('a 续表 line and leading blanks go with the band they lead into', () => {
    expect(bands(wide('续表', 3) + row('（五）不予处理', '1.信访举报投诉类申请', '0'), 'applications')).toEqual([
      ['applications', 0, 2, 3],
    ]);
    expect(bands(row('', '') + row('自然人', '商业企业'))).toEqual([['applications', 0, 2, 2]]);
  });
});

describe('keepBands', () => {
  const kept = (html: string, last: Parameters<typeof keepBands>[1]) =>
    keepBands(cutBands(buildGrid(table(html)), null), last).map((b) => b.kind);

  it('a list naming 行政许可 in every row, with no heading of 表二, is no 表二', () => {
    const list = row('行政许可', '12') + row('行政处罚', '3') + row('行政许可', '7');
    expect(cutBands(buildGrid(table(list)), null).map((b) => b.kind)).toEqual(['activeDisclosure']);
    expect(kept(list, null)).toEqual([]);
    expect(kept(list, 'applications')).toEqual([]);
  });

  it('such rows are kept right after a 表二 band (a part after a page break) and with a heading', () => {
    expect(kept(row('行政许可', '12') + row('行政处罚', '3'), 'activeDisclosure')).toEqual(['activeDisclosure']);
    expect(kept(wide('第二十条第（五）项', 2) + row('信息内容', '本年处理决定数量') + row('行政许可', '12'), null)).toEqual([
      'activeDisclosure',
    ]);
  });
});

describe('a table far beyond any report’s size', () => {
  it('a 200,000-cell 表三 is read to its first rows only, and the record says so', () => {
    const head = row('申请人情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计');
    const first = row('一、本年新收政府信息公开申请数量', '3', '0', '0', '0', '0', '0', '3');
    const filler = row('二、上年结转政府信息公开申请数量', '1', '1', '1', '1', '1', '1', '6').repeat(25_000);
    const d = doc(
      `<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body><table>${head}${first}${filler}</table></body></html>`,
    );
    const { record } = analyze(d, { capturedAt: CAPTURED });
    expect(() => ReportRecord.parse(record)).not.toThrow();
    expect(record.tables.applications?.newReceived?.total).toMatchObject({ value: 3 });
    expect(record.reading?.cellsRead).toBeLessThanOrEqual(MAX_READ_CELLS);
    const found = record.findings.find((f) => f.id === 'report.oversized:applications');
    expect(found).toMatchObject({ status: 'fail', severity: 'warning' });
    expect(found?.message).toContain(String(MAX_READ_ROWS));
    // the other 24,999 rows are duplicates, reported once each as far as the table was read
    expect(record.findings.find((f) => f.id === 'format.labels:applications')?.message.length).toBeLessThan(100_000);
  }, 120_000);

  it('an ordinary report page has no such finding', () => {
    const d = doc(`<table>${row('申请人情况', '自然人', '总计')}${row('一、本年新收政府信息公开申请数量', '1', '1')}</table>`);
    expect(analyze(d, { capturedAt: CAPTURED }).record.findings.some((f) => f.rule === 'report.oversized')).toBe(false);
  });
});

describe('表二 header alone in its <table>, its words spaced out', () => {
  it('reads the figures after it through its columns', () => {
    const page = `<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>
      <table><tr><td colspan="4">第二\u3000十条第（一）项</td></tr>${row('信息 内容*', '本年制发件数', '本年废止件数', '现行有效件数')}</table>
      <table>${wide('续表', 4)}${row('规章', '1', '0', '9')}${row('行政规范性文件', '7', '3', '64')}</table>
      </body></html>`;
    const t2 = analyze(doc(page), { capturedAt: CAPTURED }).record.tables.activeDisclosure;
    expect(t2?.regulations?.issued).toMatchObject({ value: 1, kind: 'number' });
    expect(t2?.regulations?.inForce).toMatchObject({ value: 9, kind: 'number' });
    expect(t2?.normativeDocuments?.repealed).toMatchObject({ value: 3, kind: 'number' });
    expect(t2?.normativeDocuments?.inForce).toMatchObject({ value: 64, kind: 'number' });
  });
});

describe('表四 header cut off at the foot of another table', () => {
  it('reads 行政复议 whose group row sits under the 四、 caption at the foot of 表三’s wider <table>', () => {
    const t3 =
      row('申请人情况', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计') +
      row('一、本年新收政府信息公开申请数量', '3', '0', '0', '0', '0', '0', '3');
    const leaf = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    const page = `<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>
      <table>${t3}${wide('四、政府信息公开行政复议、行政诉讼情况', 8)}<tr><td colspan="5">行政复议</td></tr></table>
      <table>${row(...leaf)}${row('2', '1', '0', '1', '4')}</table>
      <table><tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>${row(...leaf, ...leaf)}${row('1', '0', '0', '0', '1', '0', '0', '0', '0', '0')}</table>
      </body></html>`;
    const { record } = analyze(doc(page), { capturedAt: CAPTURED });
    const t4 = record.tables.reviewLitigation;
    expect(t4?.review?.upheld).toMatchObject({ value: 2, kind: 'number' });
    expect(t4?.review?.corrected).toMatchObject({ value: 1, kind: 'number' });
    expect(t4?.review?.total).toMatchObject({ value: 4, kind: 'number' });
    expect(t4?.litigationDirect?.upheld).toMatchObject({ value: 1, kind: 'number' });
    expect(record.findings.find((f) => f.id === 't4.total:review')?.status).toBe('pass');
  });

  it('reads the figures under a row of empty cells between header and data (two Word parts in one <table>)', () => {
    const leaf = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    const empty = `<tr height="0">${'<td></td>'.repeat(15)}</tr>`;
    const page = `<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body><table>
      <tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>
      <tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
      ${row(...leaf, ...leaf, ...leaf)}${empty}
      ${row('3', '1', '0', '1', '5', '2', '0', '1', '0', '3', '1', '1', '0', '0', '2')}${empty}
      </table></body></html>`;
    const t4 = analyze(doc(page), { capturedAt: CAPTURED }).record.tables.reviewLitigation;
    expect(t4?.review?.upheld).toMatchObject({ value: 3, kind: 'number' });
    expect(t4?.review?.total).toMatchObject({ value: 5, kind: 'number' });
    expect(t4?.litigationDirect?.total).toMatchObject({ value: 3, kind: 'number' });
    expect(t4?.litigationAfterReview?.corrected).toMatchObject({ value: 1, kind: 'number' });
    expect(t4?.litigationAfterReview?.total).toMatchObject({ value: 2, kind: 'number' });
  });

  it('reads a 表四 left empty as blanks', () => {
    const leaf = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    const page = `<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body><table>
      <tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>
      <tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
      ${row(...leaf, ...leaf, ...leaf)}${row(...Array<string>(15).fill(''))}
      </table></body></html>`;
    const t4 = analyze(doc(page), { capturedAt: CAPTURED }).record.tables.reviewLitigation;
    expect(t4?.review?.total).toMatchObject({ value: null, kind: 'blank' });
    expect(t4?.litigationAfterReview?.total).toMatchObject({ value: null, kind: 'blank' });
  });
});
