import { type Grid, type GridCell, rowCells } from '../grid/grid';
import type { CellTable } from '../record/schema';
import type { Steps } from '../steps';
import { labelCore, norm, squash } from '../text/normalize';
import type { ReadContext } from './context';
import { findDef, labelOf, T4_COLUMNS, T4_GROUPS } from './labels';

const TABLE = 'reviewLitigation' as const;
const HEADER_WORD = /行政复议|行政诉讼|起诉|维持|纠正|其他|审结|总计|合计|结果/;

/**
 * Read 表四: three groups of five columns under a two- or three-row header, one data row.
 * Columns are mapped by their header labels; where a leaf label is unreadable (「结果」 alone), by its
 * place within its group, and that is reported as a relabelling.
 */
export function* readReviewLitigation(grids: Grid[], ctx: ReadContext): Steps<CellTable | undefined> {
  for (const grid of grids) {
    let header = 0;
    for (let r = 0; r < grid.slots.length; r++) {
      if (rowCells(grid, r).some((c) => HEADER_WORD.test(norm(c.text)))) header = r + 1;
      else if (header > 0) break;
    }
    const dataRow = findDataRow(grid, header);
    if (header === 0 || dataRow < 0) continue;

    const columns: { group: string; leaf: string | null; col: number; found: string }[] = [];
    for (let c = 0; c < grid.width; c++) {
      const chain: GridCell[] = [];
      for (let r = 0; r < header; r++) {
        const cell = grid.slots[r]?.[c];
        if (cell && chain[chain.length - 1] !== cell) chain.push(cell);
      }
      const cores = chain.map((x) => labelCore(x.text));
      const group = groupOf(cores);
      if (!group) continue;
      const leafCell = chain[chain.length - 1];
      const leafCore = cores[cores.length - 1] ?? '';
      const leaf = findDef(T4_COLUMNS, leafCore)?.key ?? null;
      columns.push({ group, leaf, col: c, found: leafCell ? squash(leafCell.text) : '' });
    }
    if (columns.length === 0) continue;

    const table: CellTable = {};
    for (const g of T4_GROUPS) {
      yield;
      const mine = columns.filter((c) => c.group === g.key);
      const used = new Set<GridCell>();
      mine.forEach((col, i) => {
        let key = col.leaf;
        if (!key || mine.filter((m) => m.leaf === key).length > 1) {
          key = T4_COLUMNS[i]?.key ?? null;
          if (!key) return;
          ctx.issue(TABLE, {
            kind: 'positional',
            what: 'column',
            key: `${g.key}.${key}`,
            label: `${g.label} · ${labelOf(T4_COLUMNS, key)}`,
            found: col.found,
          });
        } else if (labelCore(col.found) !== labelCore(labelOf(T4_COLUMNS, key)) && !/^(总计|合计)$/.test(labelCore(col.found))) {
          ctx.issue(TABLE, {
            kind: 'relabelled',
            what: 'column',
            key: `${g.key}.${key}`,
            label: labelOf(T4_COLUMNS, key),
            found: col.found,
          });
        }
        const cell = grid.slots[dataRow]?.[col.col];
        if (!cell || used.has(cell)) return;
        used.add(cell);
        const row = table[g.key] ?? {};
        table[g.key] = row;
        if (row[key]) return;
        row[key] = ctx.read(cell, grid.table, `${g.label} / ${labelOf(T4_COLUMNS, key)}`);
      });
    }
    for (let r = dataRow + 1; r < grid.slots.length; r++) {
      const cells = rowCells(grid, r).filter((c) => norm(c.text) !== '');
      if (cells.length === 0) continue;
      const label = `第${r + 1}行`;
      ctx.extras.push({
        table: TABLE,
        kind: 'row',
        label,
        cells: Object.fromEntries(cells.map((c, i) => [`c${i + 1}`, ctx.read(c, grid.table, label)])),
      });
      ctx.issue(TABLE, { kind: 'extra', what: 'row', label });
    }
    return table;
  }
  return undefined;
}

function groupOf(cores: string[]): string | null {
  for (let i = cores.length - 1; i >= 0; i--) {
    const c = cores[i] as string;
    if (/未经复议/.test(c)) return 'litigationDirect';
    if (/复议后起诉/.test(c)) return 'litigationAfterReview';
  }
  return cores.some((c) => /^行政复议$/.test(c)) ? 'review' : null;
}

function findDataRow(grid: Grid, from: number): number {
  for (let r = from; r < grid.slots.length; r++) {
    const cells = rowCells(grid, r);
    if (cells.some((c) => /\d/.test(c.text)) || cells.length >= 10) return r;
  }
  return -1;
}
