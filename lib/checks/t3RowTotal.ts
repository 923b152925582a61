import { evaluate, missingTable, toFinding } from './equation';
import { rowTotalEquations } from './t3equations';
import type { Rule } from './types';

export const t3RowTotal: Rule = {
  id: 't3.rowTotal',
  severity: 'error',
  title: '表三每一行：总计 = 六类申请人之和',
  run: ({ tables }) =>
    tables.applications
      ? rowTotalEquations(tables.applications).map((eq) => toFinding(evaluate(tables, eq)))
      : [missingTable('t3.rowTotal', 'error', 'applications')],
};
