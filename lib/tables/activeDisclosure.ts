import { rowCells, spannedKeys } from '../grid/grid';
import { findDef, labelOf, T2_COLUMNS, T2_ROWS, T2_TEMPLATE } from '../record/labels';
import type { CellTable } from '../record/schema';
import { ROWS_PER_STEP, type Steps } from '../steps';
import { labelCore, norm, squash } from '../text/normalize';
import type { Band } from './bands';
import type { ReadContext } from './context';

const TABLE = 'activeDisclosure' as const;

/** The columns a row has in either version of the template: a value spanning into others is the template's own layout. */
const TEMPLATE_COLUMNS = new Map<string, Set<string>>(
  Object.keys({ ...T2_TEMPLATE['2019'], ...T2_TEMPLATE['2021'] }).map((row) => [
    row,
    new Set([
      ...((T2_TEMPLATE['2019'] as Record<string, readonly string[]>)[row] ?? []),
      ...((T2_TEMPLATE['2021'] as Record<string, readonly string[]>)[row] ?? []),
    ]),
  ]),
);

/**
 * Read 表二 from its bands in page order: a stack of sub-blocks (caption row 第二十条第（N）项, header
 * row 信息内容 | …, data rows), in one table, one table per block, or split anywhere. Each data row is
 * mapped through the latest header row, which a part without header inherits.
 */
export function* readActiveDisclosure(bands: Band[], ctx: ReadContext): Steps<CellTable | undefined> {
  const table: CellTable = {};
  let header: (string | null)[] = [];
  for (const band of bands) {
    const { grid } = band;
    for (let r = band.from; r < band.to; r++) {
      if ((r - band.from) % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
      const cells = rowCells(grid, r);
      const first = cells[0];
      if (!first) continue;
      const firstCore = labelCore(first.text);
      if (/^第二十条/.test(norm(first.text))) continue;
      const colDefs = cells.map((c) => findDef(T2_COLUMNS, labelCore(c.text)));
      if (firstCore === '信息内容' || (colDefs.some(Boolean) && !findDef(T2_ROWS, firstCore))) {
        header = [];
        for (let c = 0; c < band.width; c++) {
          const cell = grid.slots[r]?.[c];
          header.push(cell && cell !== first ? (findDef(T2_COLUMNS, labelCore(cell.text))?.key ?? null) : null);
        }
        ctx.use(grid.table);
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
      const own = TEMPLATE_COLUMNS.get(rowDef.key);
      for (const cell of values) {
        // A value cell spanning several header columns belongs to the first of them; the columns the
        // row does not have in the template (fees has no 处理决定数量) are the template's own layout.
        const keys = spannedKeys(header, cell).filter((k, i) => i === 0 || own?.has(k));
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
