import { type Grid, rowCells, spannedKeys } from '../grid/grid';
import type { CellTable } from '../record/schema';
import { ROWS_PER_STEP, type Steps } from '../steps';
import { labelCore, norm, squash } from '../text/normalize';
import type { ReadContext } from './context';
import { findDef, labelOf, T2_COLUMNS, T2_ROWS } from './labels';

const TABLE = 'activeDisclosure' as const;

/**
 * Read 表二: a stack of sub-blocks (caption row 第二十条第（N）项, header row 信息内容 | …, data rows),
 * in one table or one table per block. Each data row is mapped through the latest header row.
 */
export function* readActiveDisclosure(grids: Grid[], ctx: ReadContext): Steps<CellTable | undefined> {
  const table: CellTable = {};
  for (const grid of grids) {
    let header: (string | null)[] = [];
    for (let r = 0; r < grid.slots.length; r++) {
      if (r % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
      const cells = rowCells(grid, r);
      const first = cells[0];
      if (!first) continue;
      const firstCore = labelCore(first.text);
      if (/^第二十条/.test(norm(first.text))) continue;
      const colDefs = cells.map((c) => findDef(T2_COLUMNS, labelCore(c.text)));
      if (firstCore === '信息内容' || (colDefs.some(Boolean) && !findDef(T2_ROWS, firstCore))) {
        header = [];
        for (let c = 0; c < grid.width; c++) {
          const cell = grid.slots[r]?.[c];
          header.push(cell && cell !== first ? (findDef(T2_COLUMNS, labelCore(cell.text))?.key ?? null) : null);
        }
        continue;
      }
      const rowDef = findDef(T2_ROWS, firstCore);
      const values = cells.slice(1);
      if (!rowDef) {
        if (values.some((c) => /\d/.test(c.text)) && norm(first.text).length < 40) {
          const label = squash(first.text) || `第${r + 1}行`;
          ctx.extras.push({
            table: TABLE,
            kind: 'row',
            label,
            cells: Object.fromEntries(values.map((c, i) => [header[c.col] ?? `c${i + 1}`, ctx.read(c, grid.table, label)])),
          });
          ctx.issue(TABLE, { kind: 'extra', what: 'row', label });
        }
        continue;
      }
      const row = table[rowDef.key] ?? {};
      for (const cell of values) {
        // A value cell spanning several header columns belongs to the first of them.
        const keys = spannedKeys(header, cell);
        const key = keys[0] ?? null;
        if (!key) {
          if (norm(cell.text) !== '') {
            ctx.issue(TABLE, { kind: 'extra', what: 'column', label: `${rowDef.label} 第${cell.col + 1}列` });
          }
          continue;
        }
        if (row[key] && row[key]?.kind !== 'blank') continue;
        const read = ctx.read(cell, grid.table, `${rowDef.label} / ${labelOf(T2_COLUMNS, key)}`);
        row[key] = read;
        const ref = (column: string) => ({ table: TABLE, row: rowDef.key, column });
        const others = keys.slice(1).filter((k) => !row[k]);
        if (others.length === 0) continue;
        Object.assign(
          row,
          ctx.mergedInto(
            { ref: ref(key), label: labelOf(T2_COLUMNS, key) },
            others.map((k) => ({ ref: ref(k), label: labelOf(T2_COLUMNS, k), cellLabel: `${rowDef.label} / ${labelOf(T2_COLUMNS, k)}` })),
            read.at,
          ),
        );
      }
      if (Object.keys(row).length) table[rowDef.key] = row;
      if (labelCore(first.text) !== labelCore(rowDef.label) && !(rowDef.key === 'normativeDocuments' && firstCore === '规范性文件')) {
        ctx.issue(TABLE, { kind: 'relabelled', what: 'row', key: rowDef.key, label: rowDef.label, found: squash(first.text) });
      }
    }
  }
  return Object.keys(table).length ? table : undefined;
}
