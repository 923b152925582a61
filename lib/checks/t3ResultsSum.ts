import { equationRule } from './equationRule';
import { resultsSumEquations } from './t3equations';
import type { Rule } from './types';

export const t3ResultsSum: Rule = equationRule('t3.resultsSum', '表三每一列：（七）总计 = 各办理结果之和', 'applications', (t) =>
  resultsSumEquations(t.applications ?? {}),
);
