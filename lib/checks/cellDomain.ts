import { T2_COLUMNS } from '../record/labels';
import type { CellRef, Finding } from '../record/schema';
import { domainProblem } from '../text/cell';
import { forEachCell, presentTables, TABLE_NAMES } from './tableCells';
import type { Rule } from './types';

/** Counts are whole and ≥ 0; 本年增/减 may be negative; money may be decimal; no figure is beyond 2^53. */
export const cellDomain: Rule = {
  id: 'cell.domain',
  severity: 'error',
  title: '数量为非负整数（本年增/减可为负，金额可有小数）',
  run: ({ tables }) => {
    const bad = new Map<string, { ref: CellRef; why: string; raw: string }[]>();
    forEachCell(tables, (cell, table, row, column) => {
      if (cell.kind === 'blank' || cell.kind === 'placeholder') return;
      const def = table === 'activeDisclosure' ? T2_COLUMNS.find((c) => c.key === column) : undefined;
      const why = domainProblem(cell, { negative: def?.negative, decimal: def?.decimal });
      if (!why) return;
      const problem = { ref: { table, row, column }, why, raw: cell.raw };
      const list = bad.get(table);
      if (list) list.push(problem);
      else bad.set(table, [problem]);
    });
    return presentTables(tables).map((table): Finding => {
      const list = bad.get(table) ?? [];
      const id = `cell.domain:${table}`;
      if (list.length === 0) {
        return {
          id,
          rule: 'cell.domain',
          status: 'pass',
          severity: 'error',
          message: `${TABLE_NAMES[table]}的数字都在允许范围内。`,
          cells: [],
        };
      }
      return {
        id,
        rule: 'cell.domain',
        status: 'fail',
        severity: 'error',
        message: `${TABLE_NAMES[table]}有 ${list.length} 个数字超出允许范围：${list.map((b) => `${b.ref.row}/${b.ref.column}「${b.raw}」${b.why}`).join('；')}`,
        cells: list.map((b) => b.ref),
      };
    });
  },
};
