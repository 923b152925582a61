import { labelOf, T3_COLUMNS, T3_ROWS } from '../record/labels';
import type { CellRef, ReportRecord } from '../record/schema';
import type { Equation, Term } from './equation';

export const T3_COLS = T3_COLUMNS.map((c) => c.key);
export const APPLICANTS = T3_COLS.filter((c) => c !== 'total');

const ref = (row: string, column: string): CellRef => ({ table: 'applications', row, column });
const L = (row: string, column: string): Term => ({ ref: ref(row, column), coef: 1 });
const R = (row: string, column: string): Term => ({ ref: ref(row, column), coef: -1 });

/** The result rows that add up to （七）总计, for the version of the table present. */
export function resultRows(t3: Record<string, unknown>): string[] {
  const results = T3_ROWS.map((r) => r.key).filter(
    (k) =>
      ![
        'newReceived',
        'carriedOver',
        'totalProcessed',
        'carriedForward',
        'otherHandling',
        'otherHandling.other',
        'otherHandling.overdueCorrection',
        'otherHandling.overdueFee',
      ].includes(k),
  );
  const other2021 = ['otherHandling.overdueCorrection', 'otherHandling.overdueFee', 'otherHandling.other'];
  const has2021 = other2021.some((k) => k in t3);
  return [...results, ...(has2021 || !('otherHandling' in t3) ? other2021 : ['otherHandling'])];
}

export function rowTotalEquations(t3: Record<string, unknown>): Equation[] {
  return Object.keys(t3)
    .filter((row) => T3_ROWS.some((r) => r.key === row))
    .map((row) => ({
      id: `t3.rowTotal:${row}`,
      rule: 't3.rowTotal',
      severity: 'error',
      formula: `「${labelOf(T3_ROWS, row)}」行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他`,
      sides: ['总计', '六类申请人之和'],
      terms: [L(row, 'total'), ...APPLICANTS.map((c) => R(row, c))],
    }));
}

export function resultsSumEquations(t3: Record<string, unknown>): Equation[] {
  const rows = resultRows(t3);
  return T3_COLS.map((col) => ({
    id: `t3.resultsSum:${col}`,
    rule: 't3.resultsSum',
    severity: 'error',
    formula: `「${labelOf(T3_COLUMNS, col)}」列：（七）总计 = 予以公开 + 部分公开 + 不予公开各项 + 无法提供各项 + 不予处理各项 + 其他处理`,
    sides: ['（七）总计', '各项办理结果之和'],
    terms: [L('totalProcessed', col), ...rows.map((r) => R(r, col))],
  }));
}

export function balanceEquations(): Equation[] {
  return T3_COLS.map((col) => ({
    id: `t3.balance:${col}`,
    rule: 't3.balance',
    severity: 'error',
    formula: `「${labelOf(T3_COLUMNS, col)}」列：本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理`,
    sides: ['新收与上年结转之和', '办结与结转下年度之和'],
    terms: [L('newReceived', col), L('carriedOver', col), R('totalProcessed', col), R('carriedForward', col)],
  }));
}

export function t3Equations(tables: ReportRecord['tables']): Equation[] {
  const t3 = tables.applications;
  if (!t3) return [];
  return [...rowTotalEquations(t3), ...resultsSumEquations(t3), ...balanceEquations()];
}
