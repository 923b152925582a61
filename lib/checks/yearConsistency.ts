import type { Rule } from './types';

export const yearConsistency: Rule = {
  id: 'year.consistency',
  severity: 'error',
  title: '标题年度 = 统计期限年度 = 正文所述年度',
  run: ({ years }) => {
    const base = { id: 'year.consistency:report', rule: 'year.consistency', severity: 'error' as const, cells: [] };
    const named: [string, number | undefined][] = [
      ['标题', years.title],
      ['统计期限', years.period],
      ['正文', years.narrative],
    ];
    const known = named.filter((n): n is [string, number] => n[1] !== undefined);
    if (years.title === undefined || known.length < 2) {
      return [{ ...base, status: 'na', message: '标题或正文中的年度不明，无法核对。' }];
    }
    const text = known.map(([k, y]) => `${k} ${y} 年`).join('，');
    if (known.every(([, y]) => y === years.title))
      return [{ ...base, status: 'pass', message: `年度一致：${text}。`, actual: years.title }];
    const off = known.find(([, y]) => y !== years.title) as [string, number];
    return [
      {
        ...base,
        status: 'fail',
        message: `年度不一致：${text}。`,
        expected: years.title,
        actual: off[1],
        difference: off[1] - years.title,
      },
    ];
  },
};
