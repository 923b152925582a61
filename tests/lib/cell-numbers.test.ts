/** Cell numbers that cannot be read with confidence, parts that are not added, figures beyond 2^53. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../lib/checks/equation';
import { t3Equations } from '../../lib/checks/t3equations';
import { derive } from '../../lib/derived';
import type { CellTable } from '../../lib/record/schema';
import { domainProblem, parseCell } from '../../lib/text/cell';
import { readChineseNumeral, readDigits, readProseFigure } from '../../lib/text/numerals';
import { checkTables, consistent, t3Tables } from './tables';

const UNCLEAR = '数字写法不明确（指数、十六进制、分数、上标、范围或时间等），不参与核算';
const TOO_LARGE = '数字超出可精确计算的范围（大于 9007199254740991），不参与核算';

describe('parts are not added', () => {
  it('reads 「12件（其中依申请3件）」 as 12, not 15', () => {
    expect(parseCell('12件（其中依申请3件）')).toEqual({
      value: 12,
      raw: '12件（其中依申请3件）',
      kind: 'text',
      unit: '件',
      notes: ['全角字符已转为半角', '读作 12（括号内或「其中」之后的 1 个分项不计）'],
    });
    expect(parseCell('12件,其中依申请3件')).toMatchObject({ value: 12, kind: 'text' });
    expect(parseCell('20件(含上年结转2件)')).toMatchObject({ value: 20, kind: 'text' });
    expect(parseCell('【其中3件】')).toMatchObject({ value: null, kind: 'text', notes: ['只有分项，没有总数，不参与核算'] });
  });

  it('keeps the seed breakdowns, a stated total, and the one figure in 件', () => {
    expect(parseCell('一般行政处罚案件:20件;简易行政处罚案件:236件')).toMatchObject({ value: 256, kind: 'text', unit: '件' });
    expect(parseCell('1.一般案件20件；2.简易案件236件').value).toBe(256);
    expect(parseCell('7项 办件:1151件')).toMatchObject({ value: 1151, unit: '件' });
    expect(parseCell('共256件，其中一般20件').value).toBe(256);
    expect(parseCell('合计5件，总计5件').value).toBe(5);
    expect(parseCell('2023年新增3件').value).toBe(3);
  });

  it('gives no reading where several figures do not say which one counts', () => {
    for (const raw of ['20、236', '20件、236件', '7项 3个', '合计5件，总计6件', '一般20件 236件']) {
      expect(parseCell(raw), raw).toMatchObject({ value: null, kind: 'text' });
    }
  });
});

describe('odd writings are text with no value', () => {
  it.each([
    '1.2e5',
    '1E3',
    '0x10',
    '0X1F',
    '½',
    '1/2',
    '3⁄4',
    '10²',
    '①',
    '⑫',
    '1-2',
    '3~5',
    '10:30',
    '1,23',
    '1.2.3',
    '12abc',
    '#5',
    '10^3',
    '２×３',
  ])('%j', (raw) => {
    const cell = parseCell(raw);
    expect(cell).toMatchObject({ value: null, kind: 'text' });
    expect(cell.notes?.at(-1)).toBe(UNCLEAR);
  });

  it('reads Chinese numerals alone in a cell, and nothing else that is words', () => {
    expect(parseCell('十二件')).toEqual({ value: 12, raw: '十二件', kind: 'text', unit: '件', notes: ['读作 12（中文数字）'] });
    expect(parseCell('一千二百三十四')).toMatchObject({ value: 1234, kind: 'text' });
    expect(parseCell('未制发')).toMatchObject({ value: null, kind: 'text' });
    expect(parseCell('50%')).toMatchObject({ value: null, kind: 'text' });
    expect(parseCell('-0')).toEqual({ value: 0, raw: '-0', kind: 'number', notes: ['带符号 -'] });
    expect(Object.is(parseCell('-0').value, 0)).toBe(true);
    expect(parseCell('−8')).toMatchObject({ value: -8, kind: 'number' });
  });
});

describe('figures beyond the safe integers', () => {
  const huge = '9'.repeat(400);

  it('a 400-digit cell, a 20-digit one and a sum past 2^53 are text with no value', () => {
    for (const raw of [huge, '12345678901234567890', '9,007,199,254,740,993', '9007199254740991.5', `共${huge}件`]) {
      const cell = parseCell(raw);
      expect(cell, raw).toEqual({ value: null, raw, kind: 'text', notes: [TOO_LARGE] });
      expect(domainProblem(cell)).toBe('数字过大，超出可精确计算的范围');
    }
    expect(parseCell('甲:9007199254740991件;乙:1件')).toMatchObject({ value: null, notes: [TOO_LARGE] });
    expect(parseCell('9007199254740991')).toEqual({ value: 9007199254740991, raw: '9007199254740991', kind: 'number' });
    expect(parseCell('000000000000000000000012')).toMatchObject({ value: 12, kind: 'number' });
  });

  it('in 表三: one cell.domain error, its equations na, every figure safe, the record survives JSON', () => {
    const rows = consistent();
    (rows.newReceived ?? [])[0] = huge;
    const findings = checkTables(t3Tables(rows));
    const by = (id: string) => findings.find((f) => f.id === id);
    expect(by('cell.domain:applications')).toMatchObject({
      status: 'fail',
      severity: 'error',
      cells: [{ table: 'applications', row: 'newReceived', column: 'naturalPerson' }],
    });
    expect(by('cell.domain:applications')?.message).toContain('数字过大，超出可精确计算的范围');
    for (const id of ['t3.rowTotal:newReceived', 't3.balance:naturalPerson']) expect(by(id)?.status, id).toBe('na');
    expect(findings.filter((f) => f.status === 'fail').map((f) => f.id)).toEqual(['cell.domain:applications']);
    for (const f of findings)
      for (const v of [f.expected, f.actual, f.difference]) if (v !== undefined) expect(Number.isSafeInteger(v)).toBe(true);
    expect(JSON.parse(JSON.stringify(findings))).toEqual(findings);
  });

  it('sums of safe cells past 2^53 are na, never an inexact pass or fail, and give no rate', () => {
    const big = (v: string) => parseCell(v);
    const t3: CellTable = {
      newReceived: { naturalPerson: big('9007199254740991'), commercial: big('9007199254740991'), total: big('1') },
      totalProcessed: { total: big('9007199254740991'), naturalPerson: big('0') },
    };
    const tables = { applications: t3 };
    const row = t3Equations(tables).find((e) => e.id === 't3.rowTotal:newReceived');
    expect(row && evaluate(tables, row)).toMatchObject({ status: 'na', tooLarge: true });
    expect(
      derive({
        applications: { ...t3, granted: { total: big('9007199254740991') }, partiallyGranted: { total: big('9007199254740991') } },
      }),
    ).toEqual({
      withheldRate: 0,
      unableRate: 0,
      disputeRate: 0,
    });
  });
});

describe('numeral readers', () => {
  it.each([
    ['一千二百三十四', 1234],
    ['一万零五', 10005],
    ['两千', 2000],
    ['两万三千', 23000],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['一百零五', 105],
    ['一百五', 150],
    ['一万五', 15000],
    ['十二万三千四百五十六', 123456],
    ['一亿零五万', 100050000],
    ['一千零十', 1010],
    ['壹佰贰拾', 120],
    ['零', 0],
  ])('%s is %d', (s, n) => expect(readChineseNumeral(s)).toBe(n));

  it.each(['一二', '十百', '万', '一万零', '零五', '百', '两两', '九千九百九十九万九千九百九十九亿', '多'])('%s is no numeral', (s) =>
    expect(readChineseNumeral(s)).toBeNull(),
  );

  it('reads digits with separators, and nothing unsafe', () => {
    expect(readDigits('1,291')).toBe(1291);
    expect(readDigits('1,29')).toBeNull();
    expect(readDigits('9'.repeat(17))).toBeNull();
    expect(readProseFigure('1,291')).toBe(1291);
    expect(readProseFigure('1.2万')).toBe(12000);
    expect(readProseFigure('3万')).toBe(30000);
    expect(readProseFigure('1.23456万')).toBeNull();
    expect(readProseFigure('一千二百九十一')).toBe(1291);
  });
});
