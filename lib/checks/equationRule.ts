/** A rule made of equations over one table (t3.*, t4.total): one finding per equation, blank lines aside. */
import type { Finding, ReportRecord, Severity, TableKey } from '../record/schema';
import { evaluateChecked } from './blankLines';
import { type Equation, missingTable, toFinding } from './equation';

export function equationRule(
  id: string,
  title: string,
  table: TableKey,
  equations: (tables: ReportRecord['tables']) => Equation[],
): { id: string; severity: Severity; title: string; run(input: { tables: ReportRecord['tables'] }): Finding[] } {
  return {
    id,
    severity: 'error',
    title,
    run: ({ tables }) =>
      tables[table] ? equations(tables).map((eq) => toFinding(evaluateChecked(tables, eq))) : [missingTable(id, 'error', table)],
  };
}
