import type { CellRef, Finding } from '../record/schema';
import { refKey } from '../tables/context';
import { blankLines } from './blankLines';
import { forEachCell, presentTables, TABLE_NAMES } from './tableCells';
import type { Rule } from './types';

/**
 * One finding per table listing its blank and placeholder cells: a blank is never silently a zero.
 * Cells of a line left blank throughout are cell.blankLine's (they are not read as zeros at all).
 */
export const cellBlank: Rule = {
  id: 'cell.blank',
  severity: 'warning',
  title: '空白或占位符（/、-、—、无）单元格',
  run: ({ tables }) => {
    const blanks = new Map<string, CellRef[]>();
    const lines = blankLines(tables);
    const inLine = new Set(lines.flatMap((l) => l.cells.map(refKey)));
    forEachCell(tables, (cell, table, row, column) => {
      if (cell.kind !== 'blank' && cell.kind !== 'placeholder') return;
      const ref = { table, row, column };
      if (inLine.size && inLine.has(refKey(ref))) return;
      const list = blanks.get(table);
      if (list) list.push(ref);
      else blanks.set(table, [ref]);
    });
    return presentTables(tables).map((table): Finding => {
      const list = blanks.get(table) ?? [];
      const id = `cell.blank:${table}`;
      if (list.length === 0) {
        const others = lines.some((l) => l.table === table) ? '除整行或整列未填写的以外，' : '';
        return {
          id,
          rule: 'cell.blank',
          status: 'pass',
          severity: 'warning',
          message: `${TABLE_NAMES[table]}${others}没有空白单元格。`,
          cells: [],
        };
      }
      return {
        id,
        rule: 'cell.blank',
        status: 'fail',
        severity: 'warning',
        message: `${TABLE_NAMES[table]}有 ${list.length} 个单元格空白或只有占位符，核算时按 0 计。`,
        cells: list,
        assumedZero: list,
      };
    });
  },
};
