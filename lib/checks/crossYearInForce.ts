import type { Finding } from '../record/schema';
import type { Rule } from './types';

const ROWS: [string, string][] = [
  ['regulations', '规章'],
  ['normativeDocuments', '行政规范性文件'],
];

/** 2021+: 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y). */
export const crossYearInForce: Rule = {
  id: 'crossYear.inForce',
  severity: 'warning',
  title: '现行有效件数 = 上年现行有效 + 本年制发 − 本年废止',
  run: ({ tables, previous, version }) => {
    if (!previous) return [];
    return ROWS.map(([row, label]): Finding => {
      const ref = (column: string) => ({ table: 'activeDisclosure' as const, row, column });
      const base = {
        id: `crossYear.inForce:${row}`,
        rule: 'crossYear.inForce',
        severity: 'warning' as const,
        cells: [ref('inForce'), ref('issued'), ref('repealed')],
      };
      const cur = tables.activeDisclosure?.[row];
      const prev = previous.tables.activeDisclosure?.[row]?.inForce;
      const vals = [cur?.inForce, cur?.issued, cur?.repealed, prev];
      if (version !== '2021' || vals.some((c) => !c || (c.value === null && c.kind === 'text'))) {
        return { ...base, status: 'na', message: `「${label}」：需要两年都使用 2021 年版格式且数字齐全，才能跨年核对现行有效件数。` };
      }
      const [now, issued, repealed, before] = vals.map((c) => c?.value ?? 0) as [number, number, number, number];
      const want = before + issued - repealed;
      const fields = {
        sides: ['现行有效', '上年现行有效 + 制发 − 废止'] as [string, string],
        expected: want,
        actual: now,
        difference: now - want,
      };
      return now === want
        ? {
            ...base,
            ...fields,
            status: 'pass',
            message: `「${label}」：现行有效 ${now} = 上年 ${before} + 制发 ${issued} − 废止 ${repealed}。`,
          }
        : {
            ...base,
            ...fields,
            status: 'fail',
            message: `「${label}」：现行有效 ${now}，但上年 ${before} + 制发 ${issued} − 废止 ${repealed} = ${want}，相差 ${now - want}。`,
          };
    });
  },
};
