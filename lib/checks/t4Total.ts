import { equationRule } from './equationRule';
import { t4Equations } from './t4equations';
import type { Rule } from './types';

export const t4Total: Rule = equationRule(
  't4.total',
  '表四每一组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
  'reviewLitigation',
  t4Equations,
);
