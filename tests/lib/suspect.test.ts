import { describe, expect, it } from 'vitest';
import { findSuspect } from '../../lib/checks/suspect';
import type { CellTable, ReportRecord } from '../../lib/record/schema';
import { T3_ROW_KEYS } from '../../lib/tables/labels';
import { parseCell } from '../../lib/text/cell';

const COLS = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];

/** A consistent 2021 表三: 40 new + 2 carried = 38 concluded + 4 forward, spread over two applicant columns. */
function consistent(): Record<string, number[]> {
  const rows: Record<string, number[]> = {};
  for (const k of T3_ROW_KEYS['2021']) rows[k] = [0, 0, 0, 0, 0, 0, 0];
  const set = (k: string, np: number, com: number) => {
    rows[k] = [np, com, 0, 0, 0, 0, np + com];
  };
  set('newReceived', 30, 10);
  set('carriedOver', 2, 0);
  set('granted', 6, 3);
  set('partiallyGranted', 4, 1);
  set('withheld.thirdParty', 2, 2);
  set('unable.notHeld', 12, 2);
  set('notProcessed.duplicate', 3, 0);
  set('otherHandling.other', 2, 1);
  set('totalProcessed', 29, 9);
  set('carriedForward', 3, 1);
  return rows;
}

function tables(rows: Record<string, (number | string)[]>): ReportRecord['tables'] {
  const t: CellTable = {};
  for (const [k, vals] of Object.entries(rows)) t[k] = Object.fromEntries(vals.map((v, i) => [COLS[i], parseCell(String(v))]));
  return { applications: t };
}

describe('suspect cell', () => {
  it('names nothing when every equation holds', () => {
    expect(findSuspect(tables(consistent()))).toBeNull();
  });

  it('names the one typo that breaks a row total and a column sum, with the value it should have', () => {
    const rows = consistent();
    (rows['withheld.thirdParty'] as number[])[1] = 5; // was 2
    expect(findSuspect(tables(rows))).toEqual({
      ref: { table: 'applications', row: 'withheld.thirdParty', column: 'commercial' },
      value: 2,
      explains: ['t3.rowTotal:withheld.thirdParty', 't3.resultsSum:commercial'],
    });
  });

  it('names a wrong （七）总计 cell that breaks three equations', () => {
    const rows = consistent();
    (rows.totalProcessed as number[])[0] = 31; // was 29
    expect(findSuspect(tables(rows))?.ref).toEqual({ table: 'applications', row: 'totalProcessed', column: 'naturalPerson' });
    expect(findSuspect(tables(rows))?.explains).toHaveLength(3);
  });

  it('names a blank 总计 cell (the worked case of rules.md)', () => {
    const rows: Record<string, (number | string)[]> = consistent();
    rows.granted = [6, 3, 0, 0, 0, 0, ''];
    expect(findSuspect(tables(rows))).toMatchObject({ ref: { row: 'granted', column: 'total' }, value: 9 });
  });

  it('names nothing when no single cell explains the failures', () => {
    const rows = consistent();
    (rows.granted as number[])[0] = 7;
    (rows['unable.notHeld'] as number[])[1] = 3;
    expect(findSuspect(tables(rows))).toBeNull();
  });
});
