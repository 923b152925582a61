/** The 表四 equations of rules.md (`t4.total`, one per group), for the rule and for the blank-line test. */
import { T4_GROUPS } from '../record/labels';
import type { CellRef } from '../record/schema';
import type { Equation } from './equation';

const ref = (row: string, column: string): CellRef => ({ table: 'reviewLitigation', row, column });

export function t4Equations(): Equation[] {
  return T4_GROUPS.map((g) => ({
    id: `t4.total:${g.key}`,
    rule: 't4.total',
    severity: 'error',
    formula: `「${g.label}」：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结`,
    sides: ['总计', '四项之和'],
    terms: [
      { ref: ref(g.key, 'total'), coef: 1 },
      ...['upheld', 'corrected', 'other', 'pending'].map((c) => ({ ref: ref(g.key, c), coef: -1 as const })),
    ],
  }));
}
