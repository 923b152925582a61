import { equationRule } from './equationRule';
import { balanceEquations } from './t3equations';
import type { Rule } from './types';

export const t3Balance: Rule = equationRule('t3.balance', '表三勾稽关系：第一项加第二项之和，等于第三项加第四项之和', 'applications', () =>
  balanceEquations(),
);
