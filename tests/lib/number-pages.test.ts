/** The number shapes as whole pages, in two markups each: exact cells, exact finding ids, a valid record. */
import { describe, expect, it } from 'vitest';
import { ReportRecord } from '../../lib/record/schema';
import { HUGE } from '../fixtures/src/shapes-numbers';
import { analyzeFixture, failing } from './helpers';

/** Every number anywhere in a value, with where it is. */
function numbers(x: unknown, path = ''): [string, number][] {
  if (typeof x === 'number') return [[path, x]];
  if (x === null || typeof x !== 'object') return [];
  return Object.entries(x).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
}

describe.each(['plain', 'word'])('cell numbers (%s markup)', (style) => {
  const { record } = analyzeFixture(`cell-numbers-${style}.html`);
  const cell = (t: keyof ReportRecord['tables'], row: string, col: string) => record.tables[t]?.[row]?.[col];

  it('reads each cell as it can be read, and no further', () => {
    expect(cell('applications', 'newReceived', 'naturalPerson')).toMatchObject({ raw: '12件（其中依申请3件）', value: 12, kind: 'text' });
    expect(cell('applications', 'withheld.thirdParty', 'research')).toMatchObject({ raw: '1.2e5', value: null, kind: 'text' });
    expect(cell('applications', 'unable.notHeld', 'otherOrg')).toMatchObject({ raw: '0x10', value: null, kind: 'text' });
    expect(cell('applications', 'carriedOver', 'legalService')).toMatchObject({ raw: HUGE, value: null, kind: 'text' });
    expect(cell('activeDisclosure', 'licensing', 'decisions')).toMatchObject({ raw: '½', value: null, kind: 'text' });
    expect(cell('activeDisclosure', 'punishment', 'decisions')).toMatchObject({ value: 256, kind: 'text', unit: '件' });
    expect(cell('activeDisclosure', 'coercion', 'decisions')).toMatchObject({ raw: '十二件', value: 12, kind: 'text' });
    expect(cell('activeDisclosure', 'fees', 'amount')).toMatchObject({ raw: '12345678901234567890', value: null, kind: 'text' });
    expect(cell('applications', 'newReceived', 'total')).toMatchObject({ value: 18, kind: 'number' });
  });

  it('fails exactly the domain and text findings; the equations over unreadable cells are na, the rest hold', () => {
    expect(failing(record)).toEqual([
      'cell.domain:activeDisclosure',
      'cell.domain:applications',
      'cell.text:activeDisclosure.coercion.decisions',
      'cell.text:activeDisclosure.licensing.decisions',
      'cell.text:activeDisclosure.punishment.decisions',
      'cell.text:applications.newReceived.naturalPerson',
      'cell.text:applications.unable.notHeld.otherOrg',
      'cell.text:applications.withheld.thirdParty.research',
    ]);
    expect(record.findings.filter((f) => f.status === 'na').map((f) => f.id)).toEqual([
      't3.rowTotal:carriedOver',
      't3.rowTotal:withheld.thirdParty',
      't3.rowTotal:unable.notHeld',
      't3.resultsSum:research',
      't3.resultsSum:otherOrg',
      't3.balance:legalService',
    ]);
    // 12, not 15: the row total holds with the part left out.
    expect(record.findings.find((f) => f.id === 't3.rowTotal:newReceived')).toMatchObject({ status: 'pass', expected: 18, actual: 18 });
    expect(record.findings.find((f) => f.id === 'cell.domain:applications')?.cells).toEqual([
      { table: 'applications', row: 'carriedOver', column: 'legalService' },
    ]);
  });

  it('the record passes its schema, has only safe numbers, and survives a JSON round trip unchanged', () => {
    expect(ReportRecord.safeParse(record).success).toBe(true);
    const unsafe = numbers(record).filter(([, n]) => !Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER || Object.is(n, -0));
    expect(unsafe).toEqual([]);
    const again = JSON.parse(JSON.stringify(record));
    expect(again).toEqual(record);
    expect(ReportRecord.parse(again)).toEqual(record);
  });
});

describe.each(['plain', 'word'])('figures in the prose (%s markup)', (style) => {
  const { record } = analyzeFixture(`narrative-figures-${style}.html`);
  const narrative = record.findings.filter((f) => f.rule.startsWith('narrative.'));

  it('compares the year’s figures, written 1,291 or 一千二百八十一, and nothing else in the text', () => {
    expect(narrative.map((f) => [f.id, f.status, f.actual, f.expected])).toEqual([
      ['narrative.newReceived:1', 'pass', 1291, 1291],
      ['narrative.carriedOver:1', 'pass', 13, 13],
      ['narrative.totalProcessed:1', 'pass', 1281, 1281],
      ['narrative.granted:1', 'pass', 655, 655],
      ['narrative.partiallyGranted:1', 'pass', 114, 114],
      ['narrative.withheld:1', 'pass', 22, 22],
      ['narrative.unable.notHeld:1', 'pass', 328, 328],
      // 无法提供42件 after 不掌握328件: the rest of the group, 370 in all.
      ['narrative.unable:1', 'pass', 370, 370],
      ['narrative.notProcessed:1', 'fail', 35, 53],
      ['narrative.otherHandling:1', 'pass', 67, 67],
      ['narrative.carriedForward:1', 'pass', 23, 23],
      // 两件, 一件.
      ['narrative.review:1', 'pass', 2, 2],
      ['narrative.litigation:1', 'pass', 1, 1],
    ]);
    expect(failing(record)).toEqual(['narrative.notProcessed:1']);
    expect(narrative.find((f) => f.id === 'narrative.notProcessed:1')?.message).toBe('正文说不予处理 35 件，表格为 53 件，相差 -18。');
  });
});
