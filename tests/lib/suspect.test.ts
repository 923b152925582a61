import { describe, expect, it } from 'vitest';
import { findSuspect } from '../../lib/checks/suspect';
import { consistent, t3Tables as tables } from './tables';

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
