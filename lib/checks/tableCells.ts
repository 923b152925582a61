import type { Cell, CellRef, ReportRecord, TableKey } from '../record/schema';

export const TABLE_NAMES: Record<TableKey, string> = {
  activeDisclosure: '表二',
  applications: '表三',
  reviewLitigation: '表四',
};

const flat = new WeakMap<ReportRecord['tables'], [CellRef, Cell][]>();

/** Every cell of every table present, with its reference (listed once per record, several rules use it). */
export function allCells(tables: ReportRecord['tables']): [CellRef, Cell][] {
  let out = flat.get(tables);
  if (out) return out;
  out = [];
  for (const table of Object.keys(TABLE_NAMES) as TableKey[]) {
    for (const [row, cols] of Object.entries(tables[table] ?? {})) {
      for (const [column, cell] of Object.entries(cols)) out.push([{ table, row, column }, cell]);
    }
  }
  flat.set(tables, out);
  return out;
}

export function presentTables(tables: ReportRecord['tables']): TableKey[] {
  return (Object.keys(TABLE_NAMES) as TableKey[]).filter((t) => tables[t]);
}
