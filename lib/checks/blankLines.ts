/**
 * Rows and columns left blank throughout (a 总计 column never filled in): one cause behind many
 * failing sums. A line counts when every cell of it is blank or a placeholder and, read as zeros, it
 * makes an equation fail; the equations that depend on it cannot be checked (`na`), and the line
 * itself is one finding (cell.blankLine). A single blank cell among numbers is not a line: it stays
 * a failure with the cell assumed zero (rules.md's worked case).
 */
import type { CellRef, ReportRecord, TableKey } from '../record/schema';
import { refKey } from '../tables/context';
import { labelOf, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS } from '../tables/labels';
import { cellAt, type Equation, type Evaluated, evaluate } from './equation';
import { T3_COLS, t3Equations } from './t3equations';
import { t4Equations } from './t4equations';

export interface BlankLine {
  /** The finding's id: `cell.blankLine:applications.column.total`. */
  id: string;
  table: TableKey;
  kind: 'row' | 'column' | 'group';
  key: string;
  /** In words: 表三「总计」列. */
  name: string;
  cells: CellRef[];
  /** Ids of the equations that depend on it (all `na`). */
  equations: string[];
}

type Tables = ReportRecord['tables'];

const T4_COLS = T4_COLUMNS.map((c) => c.key);

/** Each table's lines and the equations over it. */
function candidates(tables: Tables): { table: TableKey; equations: Equation[]; lines: Omit<BlankLine, 'id' | 'equations'>[] }[] {
  const out = [];
  const t3 = tables.applications;
  if (t3) {
    const rows = Object.keys(t3).filter((r) => T3_ROWS.some((d) => d.key === r));
    out.push({
      table: 'applications' as const,
      equations: t3Equations(tables),
      lines: [
        ...rows.map((r) => line('applications', 'row', r, `表三「${labelOf(T3_ROWS, r)}」行`, T3_COLS, (c) => [r, c])),
        ...T3_COLS.map((c) => line('applications', 'column', c, `表三「${labelOf(T3_COLUMNS, c)}」列`, rows, (r) => [r, c])),
      ],
    });
  }
  const t4 = tables.reviewLitigation;
  if (t4) {
    const groups = T4_GROUPS.map((g) => g.key).filter((g) => g in t4);
    out.push({
      table: 'reviewLitigation' as const,
      equations: t4Equations(),
      lines: [
        ...groups.map((g) => line('reviewLitigation', 'group', g, `表四「${labelOf(T4_GROUPS, g)}」一组`, T4_COLS, (c) => [g, c])),
        ...T4_COLS.map((c) => line('reviewLitigation', 'column', c, `表四各组的「${labelOf(T4_COLUMNS, c)}」列`, groups, (g) => [g, c])),
      ],
    });
  }
  return out;
}

function line(
  table: TableKey,
  kind: BlankLine['kind'],
  key: string,
  name: string,
  along: string[],
  at: (x: string) => [string, string],
): Omit<BlankLine, 'id' | 'equations'> {
  return { table, kind, key, name, cells: along.map((x) => ({ table, row: at(x)[0], column: at(x)[1] })) };
}

const isBlank = (tables: Tables, ref: CellRef): boolean => {
  const k = cellAt(tables, ref)?.kind;
  return k === 'blank' || k === 'placeholder';
};

function findLines(tables: Tables): BlankLine[] {
  const found: BlankLine[] = [];
  for (const { table, equations, lines } of candidates(tables)) {
    const blank = lines.filter((l) => l.cells.length >= 2 && l.cells.every((r) => isBlank(tables, r)));
    if (blank.length === 0) continue;
    const failing = equations.filter((eq) => evaluate(tables, eq).status === 'fail');
    for (const l of blank) {
      const keys = new Set(l.cells.map(refKey));
      const touches = (eq: Equation) => eq.terms.some((t) => keys.has(refKey(t.ref)));
      if (!failing.some(touches)) continue;
      found.push({ ...l, id: `cell.blankLine:${table}.${l.kind}.${l.key}`, equations: equations.filter(touches).map((e) => e.id) });
    }
  }
  return found;
}

/** The record's tables are not changed once read: the lines are found once per reading. */
const memo = new WeakMap<Tables, { lines: BlankLine[]; byEquation: Map<string, BlankLine[]> }>();

function linesOf(tables: Tables): { lines: BlankLine[]; byEquation: Map<string, BlankLine[]> } {
  let m = memo.get(tables);
  if (!m) {
    const lines = findLines(tables);
    const byEquation = new Map<string, BlankLine[]>();
    for (const l of lines) for (const id of l.equations) byEquation.set(id, [...(byEquation.get(id) ?? []), l]);
    m = { lines, byEquation };
    memo.set(tables, m);
  }
  return m;
}

export function blankLines(tables: Tables): BlankLine[] {
  return linesOf(tables).lines;
}

/** `evaluate`, except that an equation depending on a line left blank throughout is `na`. */
export function evaluateChecked(tables: Tables, eq: Equation): Evaluated {
  const ev = evaluate(tables, eq);
  const blank = linesOf(tables).byEquation.get(eq.id);
  if (!blank) return ev;
  return { ...ev, status: 'na', leftBlank: blank.map((l) => ({ name: l.name, id: l.id })) };
}
