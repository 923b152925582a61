import { type Grid, type GridCell, rowCells } from '../grid/grid';
import { findDef, labelOf, T4_COLUMNS, T4_GROUPS } from '../record/labels';
import type { CellTable } from '../record/schema';
import type { Steps } from '../steps';
import { labelCore, norm, squash } from '../text/normalize';
import { type Band, isCaption } from './bands';
import type { ReadContext } from './context';

const TABLE = 'reviewLitigation' as const;
const HEADER_WORD = /行政复议|行政诉讼|起诉|维持|纠正|其他|审结|总计|合计|结果/;

/** A header row of a band, with the band's width. */
interface HeaderRow {
  grid: Grid;
  r: number;
  width: number;
}

/** One column of 表四's header: its group, its leaf key (null when its label names none), the page's leaf label. */
interface Column {
  group: string;
  leaf: string | null;
  col: number;
  found: string;
}

/** The columns that header rows (possibly of two `<table>`s of one width) name. */
function readColumns(rows: HeaderRow[], width: number): Column[] {
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    const chain: GridCell[] = [];
    for (const { grid, r } of rows) {
      const cell = grid.slots[r]?.[c];
      if (cell && chain[chain.length - 1] !== cell) chain.push(cell);
    }
    const cores = chain.map((x) => labelCore(x.text));
    const group = groupOf(cores);
    if (!group) continue;
    const leafCell = [...chain].reverse().find((x) => labelCore(x.text) !== '');
    const leafCore = leafCell ? labelCore(leafCell.text) : '';
    const leaf = findDef(T4_COLUMNS, leafCore)?.key ?? null;
    columns.push({ group, leaf, col: c, found: leafCell ? squash(leafCell.text) : '' });
  }
  return columns;
}

/**
 * Read 表四 from its bands in page order: three groups of five columns under a two- or three-row
 * header, one data row; or a 行政复议 table and a 行政诉讼 table, or a header and its data row in
 * separate `<table>`s. Columns are mapped by their header labels; where a leaf label is unreadable
 * (「结果」 alone), by its place within its group, and that is reported as a relabelling. A group read
 * once is not read again.
 */
export function* readReviewLitigation(bands: Band[], ctx: ReadContext): Steps<CellTable | undefined> {
  const table: CellTable = {};
  let columns: Column[] = [];
  let width = 0;
  let pending: HeaderRow[] = [];
  for (const [b, band] of bands.entries()) {
    const { grid } = band;
    const heads: HeaderRow[] = [];
    let r = band.from;
    for (; r < band.to; r++) {
      if (isCaption(band, r)) continue;
      if (rowCells(grid, r).some((c) => HEADER_WORD.test(labelCore(c.text)))) heads.push({ grid, r, width: band.width });
      else if (heads.length > 0 || pending.length > 0 || columns.length > 0) break;
    }
    const stacked = pending.length && (pending[0]?.width === band.width || extent(pending) === band.width) ? [...pending, ...heads] : heads;
    let dataRow = findDataRow(grid, heads.length ? (heads[heads.length - 1] as { r: number }).r + 1 : band.from, band.to);
    // A row of empty cells under a header (Word's closing row) is the data row only if no part follows.
    if (dataRow >= 0 && b < bands.length - 1 && !rowCells(grid, dataRow).some((c) => /\d/.test(c.text))) dataRow = -1;
    if (stacked.length) {
      const own = readColumns(stacked, band.width);
      if (own.length) {
        columns = own;
        width = band.width;
        ctx.use(grid.table);
      }
    }
    if (dataRow < 0) {
      // A page break right after (or inside) the header: the next part holds the data row.
      if (heads.length) pending = stacked;
      continue;
    }
    pending = [];
    if (columns.length === 0 || width !== band.width) continue;
    yield;
    for (const g of T4_GROUPS) {
      const mine = columns.filter((c) => c.group === g.key);
      if (mine.length === 0 || table[g.key]) continue;
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
    for (let r = dataRow + 1; r < band.to; r++) {
      const cells = rowCells(grid, r).filter((c) => norm(c.text) !== '');
      if (cells.length === 0 || isCaption(band, r)) continue;
      const label = `第${r + 1}行`;
      ctx.extras.push({
        table: TABLE,
        kind: 'row',
        label,
        cells: Object.fromEntries(cells.map((c, i) => [`c${i + 1}`, ctx.read(c, grid.table, label)])),
      });
      ctx.issue(TABLE, { kind: 'extra', what: 'row', label });
    }
  }
  return Object.keys(table).length ? table : undefined;
}

/**
 * How wide header rows are themselves: a 「行政复议」 row alone under a caption at the foot of a wider
 * `<table>` (表三's, the caption 四、… as its full-width row) is as wide as the five columns it heads.
 */
function extent(rows: HeaderRow[]): number {
  return Math.max(0, ...rows.map(({ grid, r }) => grid.slots[r]?.length ?? 0));
}

function groupOf(cores: string[]): string | null {
  for (let i = cores.length - 1; i >= 0; i--) {
    const c = cores[i] as string;
    if (/未经复议/.test(c)) return 'litigationDirect';
    if (/复议后起诉/.test(c)) return 'litigationAfterReview';
  }
  return cores.some((c) => /^行政复议$/.test(c)) ? 'review' : null;
}

/**
 * The data row: the first row after the header with a figure, or as wide as 表四's groups. A row of
 * empty cells (Word's closing row, left between header and data when two parts are one `<table>`)
 * shows nothing: it is the data row only when no other follows.
 */
function findDataRow(grid: Grid, from: number, to: number): number {
  let empty = -1;
  for (let r = from; r < to; r++) {
    const cells = rowCells(grid, r);
    if (!cells.some((c) => /\d/.test(c.text)) && cells.length < 10) continue;
    if (!cells.every((c) => norm(c.text) === '')) return r;
    if (empty < 0) empty = r;
  }
  return empty;
}
