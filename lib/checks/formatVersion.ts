import type { Rule } from './types';

/** 2019/2020 reports use the 2019 (试行) template; 2021 onwards the 2021 one. */
export function expectedVersion(year: number): '2019' | '2021' {
  return year <= 2020 ? '2019' : '2021';
}

export const formatVersion: Rule = {
  id: 'format.version',
  severity: 'warning',
  title: '年报格式版本与报告年度相符',
  run: ({ year, version }) => {
    const base = { id: 'format.version:report', rule: 'format.version', severity: 'warning' as const, cells: [] };
    if (year === undefined || version === 'unknown') {
      return [{ ...base, status: 'na', message: year === undefined ? '报告年度不明，无法判断格式版本。' : '表格标签不足以判断格式版本。' }];
    }
    const want = expectedVersion(year);
    const name = (v: string) => (v === '2019' ? '2019 年版（试行，国办公开办函〔2019〕60号）' : '2021 年版（国办公开办函〔2021〕30号）');
    if (want === version) return [{ ...base, status: 'pass', message: `${year} 年度报告使用${name(version)}格式，相符。` }];
    return [{ ...base, status: 'fail', message: `${year} 年度报告应使用${name(want)}格式，页面表格却是${name(version)}格式。` }];
  },
};
