import { equationRule } from './equationRule';
import { rowTotalEquations } from './t3equations';
import type { Rule } from './types';

export const t3RowTotal: Rule = equationRule('t3.rowTotal', '表三每一行：总计 = 六类申请人之和', 'applications', (t) =>
  rowTotalEquations(t.applications ?? {}),
);
