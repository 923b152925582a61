import type { Cell, CellRef, Finding, ReportRecord, Severity, TableKey } from '../record/schema';
import { isSafeFigure, unsigned0 } from '../text/numerals';
import { TABLE_NAMES } from './tableCells';

export interface Term {
  ref: CellRef;
  /** +1 on the left side of the formula, −1 on the right. */
  coef: 1 | -1;
}

export interface Equation {
  id: string;
  rule: string;
  severity: Severity;
  formula: string;
  /** What the two sides are, in words: e.g. ['总计', '六类申请人之和']. */
  sides: [string, string];
  terms: Term[];
}

export interface Evaluated {
  eq: Equation;
  status: 'pass' | 'fail' | 'na';
  left: number;
  right: number;
  /** left − right */
  residual: number;
  assumedZero: CellRef[];
  unreadable: CellRef[];
  /** Why an equation is na although every cell was read: a line it depends on was left blank throughout. */
  leftBlank?: { name: string; id: string }[];
  /** The sums went beyond the safe integers, where addition is no longer exact. */
  tooLarge?: boolean;
}

export function cellAt(tables: ReportRecord['tables'], ref: CellRef): Cell | undefined {
  return tables[ref.table]?.[ref.row]?.[ref.column];
}

/** Six decimals, for money; integers (every count) as they are, so that large ones stay exact. */
const round = (n: number): number => (Number.isInteger(n) ? n : unsigned0(Math.round(n * 1e6) / 1e6));

/**
 * Evaluate an equation on the cells as printed: blanks and placeholders count as 0 (and are listed);
 * missing or wordy cells make it na, and so do sums beyond the safe integers (they would not be exact).
 */
export function evaluate(tables: ReportRecord['tables'], eq: Equation): Evaluated {
  let left = 0;
  let right = 0;
  const assumedZero: CellRef[] = [];
  const unreadable: CellRef[] = [];
  for (const t of eq.terms) {
    const cell = cellAt(tables, t.ref);
    let v = 0;
    if (!cell || (cell.value === null && cell.kind === 'text')) unreadable.push(t.ref);
    else if (cell.value === null) assumedZero.push(t.ref);
    else v = cell.value;
    if (t.coef > 0) left += v;
    else right += v;
  }
  left = round(left);
  right = round(right);
  const residual = round(left - right);
  const tooLarge = !isSafeFigure(left) || !isSafeFigure(right) || !isSafeFigure(residual);
  const status = unreadable.length || tooLarge ? 'na' : residual === 0 ? 'pass' : 'fail';
  const ev: Evaluated = { eq, status, left, right, residual, assumedZero, unreadable };
  if (tooLarge) ev.tooLarge = true;
  return ev;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function toFinding(ev: Evaluated): Finding {
  const { eq } = ev;
  const cells = eq.terms.map((t) => t.ref);
  const base = { id: eq.id, rule: eq.rule, severity: eq.severity, formula: eq.formula, sides: eq.sides, cells };
  if (ev.status === 'na') return { ...base, status: 'na', message: `无法核对：${whyNa(ev)}。${eq.formula}` };
  const zero = ev.assumedZero.length ? { assumedZero: ev.assumedZero } : {};
  const blanks = ev.assumedZero.length ? `（${ev.assumedZero.length} 个空白格按 0 计）` : '';
  if (ev.status === 'pass') {
    return {
      ...base,
      ...zero,
      status: 'pass',
      expected: ev.right,
      actual: ev.left,
      difference: 0,
      message: `相符：${fmt(ev.left)} = ${fmt(ev.right)}${blanks}`,
    };
  }
  return {
    ...base,
    ...zero,
    status: 'fail',
    expected: ev.right,
    actual: ev.left,
    difference: ev.residual,
    message: `不相符：${eq.sides[0]} ${fmt(ev.left)}，${eq.sides[1]} ${fmt(ev.right)}，相差 ${fmt(ev.residual)}${blanks}。`,
  };
}

function whyNa(ev: Evaluated): string {
  if (ev.leftBlank?.length) return `${ev.leftBlank.map((l) => l.name).join('、')}未填写（见 ${ev.leftBlank.map((l) => l.id).join('、')}）`;
  if (ev.unreadable.length) return `${ev.unreadable.map((r) => `${r.row}/${r.column}`).join('、')} 缺失或读不出可靠的数字`;
  return '数字过大，超出可精确计算的范围';
}

/** A finding for a rule that could not run because its table is missing. */
export function missingTable(rule: string, severity: Severity, table: TableKey): Finding {
  return { id: `${rule}:${table}`, rule, status: 'na', severity, message: `未找到${TABLE_NAMES[table]}，无法核对。`, cells: [] };
}
