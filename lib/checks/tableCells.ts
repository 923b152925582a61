import type { Cell, CellRef, ReportRecord, TableKey } from '../record/schema';

export const TABLE_NAMES: Record<TableKey, string> = {
  activeDisclosure: '表二',
  applications: '表三',
  reviewLitigation: '表四',
};

/** Every cell of every table present, with its reference. */
export function* allCells(tables: ReportRecord['tables']): Generator<[CellRef, Cell]> {
  for (const table of Object.keys(TABLE_NAMES) as TableKey[]) {
    const t = tables[table];
    if (!t) continue;
    for (const [row, cols] of Object.entries(t)) {
      for (const [column, cell] of Object.entries(cols)) yield [{ table, row, column }, cell];
    }
  }
}

export function presentTables(tables: ReportRecord['tables']): TableKey[] {
  return (Object.keys(TABLE_NAMES) as TableKey[]).filter((t) => tables[t]);
}
