import { evaluate, missingTable, toFinding } from './equation';
import { balanceEquations } from './t3equations';
import type { Rule } from './types';

export const t3Balance: Rule = {
  id: 't3.balance',
  severity: 'error',
  title: '表三勾稽关系：第一项加第二项之和，等于第三项加第四项之和',
  run: ({ tables }) =>
    tables.applications
      ? balanceEquations().map((eq) => toFinding(evaluate(tables, eq)))
      : [missingTable('t3.balance', 'error', 'applications')],
};
