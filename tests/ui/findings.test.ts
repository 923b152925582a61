import { beforeAll, describe, expect, it } from 'vitest';
import { type Finding, type ReportRecord, refKey } from '../../lib';
import {
  countFindings,
  failureCount,
  findingRefs,
  formatNumber,
  formatRate,
  groupFindings,
  groupOf,
  markSpecs,
} from '../../utils/findings';
import { fixtureRecord } from './helpers';

let typo: ReportRecord;
let blanks: ReportRecord;

beforeAll(async () => {
  [typo, blanks] = await Promise.all([fixtureRecord('typo-suspect.html'), fixtureRecord('blank-total-column.html')]);
});

const f = (over: Partial<Finding>): Finding => ({
  id: 'x:1',
  rule: 'x',
  status: 'fail',
  severity: 'error',
  message: '',
  cells: [],
  ...over,
});

describe('counts', () => {
  it('counts failures by severity, and passes and unreadable checks apart', () => {
    const c = countFindings([f({}), f({ severity: 'warning' }), f({ severity: 'info' }), f({ status: 'pass' }), f({ status: 'na' })]);
    expect(c).toEqual({ error: 1, warning: 1, info: 1, na: 1, pass: 1 });
  });

  it('puts errors and warnings, not hints, on the badge', () => {
    expect(failureCount([f({}), f({ severity: 'warning' }), f({ severity: 'info' }), f({ status: 'pass' })])).toBe(2);
  });
});

describe('grouping', () => {
  it('files a finding under the table of its cells, or of its rule, else the page', () => {
    expect(groupOf(f({ rule: 't3.balance', cells: [] }))).toBe('applications');
    expect(groupOf(f({ rule: 't4.total' }))).toBe('reviewLitigation');
    expect(groupOf(f({ rule: 'cell.blank', id: 'cell.blank:activeDisclosure' }))).toBe('activeDisclosure');
    expect(groupOf(f({ rule: 'narrative.granted', cells: [{ table: 'applications', row: 'granted', column: 'total' }] }))).toBe(
      'applications',
    );
    expect(groupOf(f({ rule: 'format.sections', id: 'format.sections:report' }))).toBe('page');
  });

  it('lists 表三 first, failures before the rest, the suspect-naming failures first', () => {
    const groups = groupFindings(typo.findings);
    expect(groups[0]?.group).toBe('applications');
    const t3 = groups[0];
    expect(t3?.failing.map((x) => x.id).sort()).toEqual(['t3.resultsSum:commercial', 't3.rowTotal:withheld.thirdParty']);
    expect(t3?.passed.every((x) => x.status === 'pass')).toBe(true);
    const total = groups.reduce((n, g) => n + g.failing.length + g.na.length + g.passed.length, 0);
    expect(total).toBe(typo.findings.length);
  });
});

describe('marks', () => {
  it('marks every cell of every failing finding once, the suspect most strongly', () => {
    const specs = markSpecs(typo.findings);
    const expected = new Set(
      typo.findings.filter((x) => x.status === 'fail').flatMap((x) => [...x.cells, ...(x.suspect ? [x.suspect] : [])].map(refKey)),
    );
    expect(new Set(specs.keys())).toEqual(expected);
    const suspects = [...specs.values()].filter((s) => s.suspect);
    expect(suspects.map((s) => s.key)).toEqual(['applications|withheld.thirdParty|commercial']);
    expect(suspects[0]?.suspectValue).toBe(2);
    expect(suspects[0]?.findings).toHaveLength(2);
  });

  it('takes the strongest severity of the failures a cell is part of', () => {
    const cell = { table: 'applications' as const, row: 'granted', column: 'total' };
    const specs = markSpecs([
      f({ id: 'a', severity: 'warning', cells: [cell] }),
      f({ id: 'b', severity: 'error', cells: [cell] }),
      f({ id: 'c', status: 'pass', cells: [cell] }),
    ]);
    expect(specs.get(refKey(cell))?.severity).toBe('error');
    expect(specs.get(refKey(cell))?.findings.map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('marks the cells of a column left blank as warnings', () => {
    const specs = markSpecs(blanks.findings);
    const line = blanks.findings.find((x) => x.id === 'cell.blankLine:applications.column.total');
    expect(line?.status).toBe('fail');
    expect(line?.cells).toHaveLength(25);
    for (const ref of line?.cells ?? []) expect(specs.get(refKey(ref))?.severity).toBe('warning');
  });

  it('points at the suspect first when locating a finding', () => {
    const failing = typo.findings.find((x) => x.id === 't3.resultsSum:commercial') as Finding;
    expect(refKey(findingRefs(failing)[0] as NonNullable<Finding['suspect']>)).toBe('applications|withheld.thirdParty|commercial');
    expect(findingRefs(failing)).toHaveLength(failing.cells.length);
  });
});

describe('numbers', () => {
  it('writes numbers as a report would', () => {
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(1 / 3)).toBe('0.33');
    expect(formatNumber(3, { sign: true })).toBe('+3');
    expect(formatNumber(-3, { sign: true })).toBe('-3');
    expect(formatRate(0.4902)).toBe('49.0%');
    expect(formatRate(1)).toBe('100.0%');
  });
});
