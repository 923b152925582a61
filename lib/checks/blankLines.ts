/**
 * Rows and columns left blank throughout (a 总计 column never filled in): one cause behind many
 * failing sums. A line counts when every cell of it is blank or a placeholder and, read as zeros, it
 * makes an equation fail; the equations that depend on it cannot be checked (`na`), and the line
 * itself is one finding (cell.blankLine). A single blank cell among numbers is not a line: it stays
 * a failure with the cell assumed zero (rules.md's worked case).
 */
import { labelOf, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS } from '../record/labels';
import type { CellRef, ReportRecord, TableKey } from '../record/schema';
import { refKey } from '../tables/context';
import { type Equation, type Evaluated, evaluate } from './equation';
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

type Line = Omit<BlankLine, 'id' | 'equations'>;

const isBlank = (cell: { kind: string } | undefined): boolean => cell?.kind === 'blank' || cell?.kind === 'placeholder';

/**
 * A table's rows and columns whose every cell is blank. Only those are built: most lines hold a
 * number, and most tables no blank at all.
 */
function blankOf(
  tables: Tables,
  table: TableKey,
  rows: string[],
  cols: string[],
  rowLine: { kind: BlankLine['kind']; name: (r: string) => string },
  colName: (c: string) => string,
): Line[] {
  const t = tables[table] ?? {};
  const blank = (r: string, c: string) => isBlank(t[r]?.[c]);
  const refs = (pairs: [string, string][]) => pairs.map(([row, column]) => ({ table, row, column }));
  const out: Line[] = [];
  if (cols.length >= 2) {
    for (const r of rows) {
      if (cols.every((c) => blank(r, c)))
        out.push({ table, kind: rowLine.kind, key: r, name: rowLine.name(r), cells: refs(cols.map((c) => [r, c])) });
    }
  }
  if (rows.length >= 2) {
    for (const c of cols) {
      if (rows.every((r) => blank(r, c)))
        out.push({ table, kind: 'column', key: c, name: colName(c), cells: refs(rows.map((r) => [r, c])) });
    }
  }
  return out;
}

/** Each table's lines left blank, and (only when there are some) the equations over the table. */
function* candidates(tables: Tables): Generator<{ table: TableKey; lines: Line[]; equations: () => Equation[] }> {
  const t3 = tables.applications;
  if (t3) {
    const rows = Object.keys(t3).filter((r) => T3_ROWS.some((d) => d.key === r));
    const lines = blankOf(
      tables,
      'applications',
      rows,
      T3_COLS,
      { kind: 'row', name: (r) => `表三「${labelOf(T3_ROWS, r)}」行` },
      (c) => `表三「${labelOf(T3_COLUMNS, c)}」列`,
    );
    yield { table: 'applications', lines, equations: () => t3Equations(tables) };
  }
  const t4 = tables.reviewLitigation;
  if (t4) {
    const groups = T4_GROUPS.map((g) => g.key).filter((g) => g in t4);
    const lines = blankOf(
      tables,
      'reviewLitigation',
      groups,
      T4_COLS,
      { kind: 'group', name: (g) => `表四「${labelOf(T4_GROUPS, g)}」一组` },
      (c) => `表四各组的「${labelOf(T4_COLUMNS, c)}」列`,
    );
    yield { table: 'reviewLitigation', lines, equations: t4Equations };
  }
}

/** Most tables have no blank cell at all, and then no line to look for. */
function anyBlank(tables: Tables): boolean {
  for (const table of ['applications', 'reviewLitigation'] as const) {
    for (const cols of Object.values(tables[table] ?? {})) {
      for (const c of Object.values(cols)) if (isBlank(c)) return true;
    }
  }
  return false;
}

function findLines(tables: Tables): BlankLine[] {
  const found: BlankLine[] = [];
  if (!anyBlank(tables)) return found;
  for (const { table, lines, equations } of candidates(tables)) {
    if (lines.length === 0) continue;
    const all = equations();
    const failing = all.filter((eq) => evaluate(tables, eq).status === 'fail');
    for (const l of lines) {
      const keys = new Set(l.cells.map(refKey));
      const touches = (eq: Equation) => eq.terms.some((t) => keys.has(refKey(t.ref)));
      if (!failing.some(touches)) continue;
      found.push({ ...l, id: `cell.blankLine:${table}.${l.kind}.${l.key}`, equations: all.filter(touches).map((e) => e.id) });
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
