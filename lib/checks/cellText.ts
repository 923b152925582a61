import type { Finding } from '../record/schema';
import { tooLarge } from '../text/cell';
import { forEachCell, presentTables, TABLE_NAMES } from './tableCells';
import type { Rule } from './types';

/** A cell holding words or several numbers: say which reading was taken, per cell (a figure too large is cell.domain's). */
export const cellText: Rule = {
  id: 'cell.text',
  severity: 'info',
  title: '单元格含文字或多个数字',
  run: ({ tables }) => {
    const out: Finding[] = [];
    const withText = new Set<string>();
    forEachCell(tables, (cell, table, row, column) => {
      if (cell.kind !== 'text' || tooLarge(cell)) return;
      const ref = { table, row, column };
      withText.add(ref.table);
      // The reading taken, or why there is none (the cell's last note says it: 数字写法不明确…).
      const why = cell.notes?.at(-1);
      const reading =
        cell.notes?.find((n) => n.startsWith('读作')) ??
        (cell.value !== null ? `读作 ${cell.value}` : why && why !== '全角字符已转为半角' ? why : '无法读出数字，不参与核算');
      out.push({
        id: `cell.text:${ref.table}.${ref.row}.${ref.column}`,
        rule: 'cell.text',
        status: 'fail',
        severity: 'info',
        message: `${TABLE_NAMES[ref.table]}「${cell.label ?? `${ref.row}/${ref.column}`}」写的是「${cell.raw}」，${reading}。`,
        cells: [ref],
        ...(cell.value !== null ? { actual: cell.value } : {}),
        quote: cell.raw,
      });
    });
    for (const table of presentTables(tables)) {
      if (!withText.has(table)) {
        out.push({
          id: `cell.text:${table}`,
          rule: 'cell.text',
          status: 'pass',
          severity: 'info',
          message: `${TABLE_NAMES[table]}的单元格都是单纯的数字或空白。`,
          cells: [],
        });
      }
    }
    return out;
  },
};
