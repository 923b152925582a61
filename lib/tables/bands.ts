/**
 * A grid cut into bands of rows by what their labels say: one `<table>` may hold 表二, 表三 and 表四
 * (their captions as full-width rows), and one table may run over several `<table>`s (a page
 * break, with or without its header repeated). The bands of one kind, in page order, are one
 * logical table, read by its reader (tables/applications.ts, …) band after band.
 */
import { type Grid, type GridCell, rowCells } from '../grid/grid';
import { cellSignal, rowSignal, type TableKind } from './classify';

/** Rows `from` to `to` (exclusive) of a grid, all of one table. */
export interface Band {
  kind: TableKind;
  grid: Grid;
  from: number;
  to: number;
  /** The band's own width: a `<table>` holding 表三 and 表四 is as wide as 表四, its 表三 rows are not. */
  width: number;
  /** It has a header or caption of its table (else it is only a part after one: see `keepBands`). */
  headed: boolean;
}

/**
 * The bands of a grid, top to bottom. A row naming one table's labels goes to that table; figures,
 * blanks and words every table has (总计, 其他) go with the band they are in; text naming nothing
 * stays in the band it is in and starts none. A new band starts where another table's labels start,
 * at a section caption, and where a 表三 or 表四 header comes again after its data (a second part in
 * the same `<table>`). `open`: the kind of the previous `<table>`'s last band, which this one's
 * leading figures continue (a 表四 data row alone after its header, a 表三 tail after a page break).
 */
export function cutBands(grid: Grid, open: TableKind | null): Band[] {
  const bands: Band[] = [];
  let cur: Band | null = null;
  /** The current band has data: 表三 or 表二 row labels, or 表四 figures under its header. */
  let hasData = false;
  let headerSeen = false;
  /** Rows before the first band are all figures or blanks (they then belong to it). */
  let leadingNeutral = true;
  for (let r = 0; r < grid.slots.length; r++) {
    const s = rowSignal(grid, r);
    if (s.kind === 'neutral' || s.kind === 'other') {
      if (!cur && open && s.kind === 'neutral' && leadingNeutral) {
        cur = { kind: open, grid, from: 0, to: r + 1, width: 0, headed: false };
        bands.push(cur);
        // A continuation is data from its first figure.
        hasData = s.figures;
        headerSeen = true;
      } else if (cur) {
        cur.to = r + 1;
        if (s.figures && headerSeen) hasData = true;
      } else if (s.kind === 'other') leadingNeutral = false;
      continue;
    }
    const repeated = s.header && hasData && s.kind !== 'activeDisclosure';
    if (!cur || cur.kind !== s.kind || (s.caption && hasData) || repeated) {
      cur = { kind: s.kind, grid, from: !cur && leadingNeutral ? 0 : r, to: r + 1, width: 0, headed: false };
      bands.push(cur);
      hasData = false;
      headerSeen = false;
    } else cur.to = r + 1;
    if (s.header) {
      headerSeen = true;
      cur.headed = true;
    } else if (s.kind !== 'reviewLitigation') hasData = true;
    if (s.figures && headerSeen && s.kind === 'reviewLitigation' && !s.header) hasData = true;
  }
  for (const band of bands) band.width = widthOf(band);
  return bands;
}

/**
 * The bands that are parts of a table: a band without header or caption only right after a band of
 * its kind (a part after a page break). A list that names 行政许可 in every row is no 表二, nor its
 * rows 表二's. `last`: the kind of the band before these in page order.
 */
export function keepBands(bands: Band[], last: TableKind | null): Band[] {
  const out: Band[] = [];
  let before = last;
  for (const band of bands) {
    if (!band.headed && band.kind !== before) continue;
    out.push(band);
    before = band.kind;
  }
  return out;
}

/** The widest row of a band, captions (one cell across) aside. */
function widthOf(band: Band): number {
  let width = 0;
  let any = 0;
  for (let r = band.from; r < band.to; r++) {
    const slots = band.grid.slots[r] ?? [];
    any = Math.max(any, slots.length);
    if (rowCells(band.grid, r).length > 1) width = Math.max(width, slots.length);
  }
  return width || any;
}

/**
 * A row of one cell across the band that heads no columns: a caption (三、收到和处理…, 续表, a title),
 * never a header (行政复议 over its five columns) or a data row.
 */
export function isCaption(band: Band, r: number): boolean {
  const cells = rowCells(band.grid, r);
  const cell = cells[0] as GridCell;
  if (cells.length !== 1 || cell.colspan < band.width || band.width < 2) return false;
  const s = cellSignal(cell.text);
  return typeof s === 'string' || s.caption;
}
