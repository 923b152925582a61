import { evaluate, missingTable, toFinding } from './equation';
import { resultsSumEquations } from './t3equations';
import type { Rule } from './types';

export const t3ResultsSum: Rule = {
  id: 't3.resultsSum',
  severity: 'error',
  title: '表三每一列：（七）总计 = 各办理结果之和',
  run: ({ tables }) =>
    tables.applications
      ? resultsSumEquations(tables.applications).map((eq) => toFinding(evaluate(tables, eq)))
      : [missingTable('t3.resultsSum', 'error', 'applications')],
};
