import type { Cell, ReportRecord, TableKey } from '../record/schema';

export const TABLE_NAMES: Record<TableKey, string> = {
  activeDisclosure: '表二',
  applications: '表三',
  reviewLitigation: '表四',
};

/**
 * Every cell of every table present, in table, row and column order, with where it is. Nothing is
 * made per cell: most cells pass every test, and a caller builds the reference of the few it keeps.
 */
export function forEachCell(
  tables: ReportRecord['tables'],
  visit: (cell: Cell, table: TableKey, row: string, column: string) => void,
): void {
  for (const table of Object.keys(TABLE_NAMES) as TableKey[]) {
    const rows = tables[table];
    if (!rows) continue;
    for (const row in rows) {
      const cols = rows[row] as Record<string, Cell>;
      for (const column in cols) visit(cols[column] as Cell, table, row, column);
    }
  }
}

export function presentTables(tables: ReportRecord['tables']): TableKey[] {
  return (Object.keys(TABLE_NAMES) as TableKey[]).filter((t) => tables[t]);
}
