import { T3_COLUMNS } from '../record/labels';
import type { Finding } from '../record/schema';
import type { Rule } from './types';

export const crossYearCarryOver: Rule = {
  id: 'crossYear.carryOver',
  severity: 'warning',
  title: '本年「上年结转」= 上一年报告的「结转下年度继续办理」',
  run: ({ tables, previous }) => {
    const now = tables.applications?.carriedOver;
    const before = previous?.tables.applications?.carriedForward;
    if (!previous) return [];
    return T3_COLUMNS.map(({ key, label }): Finding => {
      const base = {
        id: `crossYear.carryOver:${key}`,
        rule: 'crossYear.carryOver',
        severity: 'warning' as const,
        cells: [{ table: 'applications' as const, row: 'carriedOver', column: key }],
      };
      const a = now?.[key];
      const b = before?.[key];
      if (!a || !b || (a.value === null && a.kind === 'text') || (b.value === null && b.kind === 'text')) {
        return { ...base, status: 'na', message: `「${label}」列：本年或上一年的数字缺失，无法跨年核对。` };
      }
      const x = a.value ?? 0;
      const y = b.value ?? 0;
      const fields = { sides: ['本年上年结转', '上年结转下年度'] as [string, string], expected: y, actual: x, difference: x - y };
      return x === y
        ? {
            ...base,
            ...fields,
            status: 'pass',
            message: `「${label}」列：上年结转 ${x} 与 ${previous.report.year ?? '上一'}年报告的结转下年度 ${y} 一致。`,
          }
        : {
            ...base,
            ...fields,
            status: 'fail',
            message: `「${label}」列：上年结转 ${x}，但 ${previous.report.year ?? '上一'}年报告写结转下年度 ${y}，相差 ${x - y}。`,
          };
    });
  },
};
