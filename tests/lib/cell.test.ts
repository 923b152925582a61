import { describe, expect, it } from 'vitest';
import { domainProblem, parseCell } from '../../lib/text/cell';

describe('parseCell', () => {
  it.each([
    ['0', 0, 'number'],
    ['１２', 12, 'number'],
    ['1,234', 1234, 'number'],
    ['5件', 5, 'number'],
    ['+12', 12, 'number'],
    ['-8', -8, 'number'],
    ['12.30万元', 12.3, 'number'],
    ['251000元', 251000, 'number'],
  ])('reads %j as %d', (raw, value, kind) => {
    expect(parseCell(raw)).toMatchObject({ raw, value, kind });
  });

  it('reads plain digits as a bare number, whatever the white space around them', () => {
    expect(parseCell('007')).toEqual({ value: 7, raw: '007', kind: 'number' });
    expect(parseCell('\u00a0 42\u3000')).toEqual({ value: 42, raw: '42', kind: 'number' });
    expect(parseCell('4 2')).toMatchObject({ value: 42, raw: '4 2', kind: 'number' });
    // digits that are not ASCII still go the long way, and say so
    expect(parseCell('４２')).toEqual({ value: 42, raw: '４２', kind: 'number', notes: ['全角字符已转为半角'] });
  });

  it('keeps blanks and placeholders apart from zeros', () => {
    expect(parseCell('\u00a0')).toEqual({ value: null, raw: '', kind: 'blank' });
    for (const p of ['/', '-', '—', '无', '——', '／']) expect(parseCell(p)).toEqual({ value: null, raw: p, kind: 'placeholder' });
  });

  it('notes units, signs, separators and full-width digits', () => {
    expect(parseCell('5件')).toMatchObject({ unit: '件', notes: ['单位：件'] });
    expect(parseCell('１２').notes).toContain('全角字符已转为半角');
    expect(parseCell('1,234').notes).toContain('千位分隔符');
    expect(parseCell('-8').notes).toContain('带符号 -');
  });

  it('reads words in cells with the best reading and says which', () => {
    expect(parseCell('7项 办件:1151件')).toMatchObject({ kind: 'text', value: 1151, unit: '件' });
    const sum = parseCell('一般行政处罚案件:20件;简易行政处罚案件:236件');
    expect(sum).toMatchObject({ kind: 'text', value: 256 });
    expect(sum.notes?.at(-1)).toBe('读作 20 + 236 = 256（分项相加）');
    expect(parseCell('共256件，其中一般20件')).toMatchObject({ kind: 'text', value: 256 });
    expect(parseCell('未制发')).toMatchObject({ kind: 'text', value: null });
    expect(parseCell('2023年新增3件')).toMatchObject({ kind: 'text', value: 3 });
  });

  it('checks the domain: counts whole and non-negative, 增/减 signed, money decimal', () => {
    expect(domainProblem(parseCell('-3'))).toBe('不应为负数');
    expect(domainProblem(parseCell('2.5'))).toBe('应为整数');
    expect(domainProblem(parseCell('-3'), { negative: true })).toBeNull();
    expect(domainProblem(parseCell('2.5'), { decimal: true })).toBeNull();
  });
});
