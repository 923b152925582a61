import type { CellRef } from '../record/schema';
import { T4_GROUPS } from '../tables/labels';
import { equationRule } from './equation';
import type { Rule } from './types';

const ref = (row: string, column: string): CellRef => ({ table: 'reviewLitigation', row, column });

export const t4Total: Rule = equationRule(
  't4.total',
  '表四每一组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
  'reviewLitigation',
  () =>
    T4_GROUPS.map((g) => ({
      id: `t4.total:${g.key}`,
      rule: 't4.total',
      severity: 'error',
      formula: `「${g.label}」：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结`,
      sides: ['总计', '四项之和'],
      terms: [
        { ref: ref(g.key, 'total'), coef: 1 },
        ...['upheld', 'corrected', 'other', 'pending'].map((c) => ({ ref: ref(g.key, c), coef: -1 as const })),
      ],
    })),
);
