import { Visibility } from './hidden';
import { cellText } from './text';

/** One real `<td>`/`<th>` of a table, with where it starts in the grid and how far it spans. */
export interface GridCell {
  el: Element;
  text: string;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
}

/** A table as the browser lays it out: every slot points back to the real cell covering it. */
export interface Grid {
  table: Element;
  /** slots[r][c]: the cell covering row r, column c (rows may be ragged; holes are undefined). */
  slots: (GridCell | undefined)[][];
  cells: GridCell[];
  width: number;
  /** Rows were left unbuilt (`maxRows` or `maxCells` reached before the table's end). */
  truncated?: boolean;
}

export interface GridOptions {
  /** Build only the first rows: telling what a table is costs its first rows, not all of them. */
  maxRows?: number;
  /** Build no cell past this many: a table far beyond any report's size is read no further. */
  maxCells?: number;
  /** What the page renders (the document's own, by default): hidden rows and cells are not laid out, as a browser does. */
  visibility?: Visibility;
}

// The limits browsers apply (HTML's table processing model and Chromium).
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

/** HTML's "rules for parsing non-negative integers": leading digits count, anything else is the default. */
function spanAttr(el: Element, name: string, fallback: number): number {
  const v = el.getAttribute(name);
  if (v === null) return fallback;
  const m = /^[\s]*\+?(\d+)/.exec(v);
  return m ? Number(m[1]) : fallback;
}

/**
 * The rows of a table in HTML's order: thead, then tbody and bare rows in tree order, then tfoot.
 * With `limit`, only the first `limit` rows in that order are collected (the groups are still all
 * found, so a thead written after the body still comes first): telling what a long table is costs
 * its first rows, not all of them.
 */
function rowGroups(table: Element, limit = Number.POSITIVE_INFINITY, vis?: Visibility): Element[][] {
  const head: Element[] = [];
  const body: (Element | Element[])[] = [];
  const foot: Element[] = [];
  let bare: Element[] | null = null;
  for (let child = table.firstElementChild; child; child = child.nextElementSibling) {
    const tag = child.tagName;
    if (tag === 'TR') {
      if (vis?.hides(child)) continue;
      if (!bare) {
        bare = [];
        body.push(bare);
      }
      bare.push(child);
      continue;
    }
    bare = null;
    if (vis?.hides(child)) continue;
    if (tag === 'THEAD') head.push(child);
    else if (tag === 'TBODY') body.push(child);
    else if (tag === 'TFOOT') foot.push(child);
  }
  const out: Element[][] = [];
  let n = 0;
  // Every thead first and every tfoot last (only the first of each is one for HTML, but a Word export
  // with several still reads top to bottom that way); the rest in place.
  for (const group of [...head, ...body, ...foot]) {
    if (n >= limit) break;
    let rows: Element[];
    if (Array.isArray(group)) rows = group.length > limit - n ? group.slice(0, limit - n) : group;
    else {
      rows = [];
      for (let tr = group.firstElementChild; tr && rows.length < limit - n; tr = tr.nextElementSibling)
        if (tr.tagName === 'TR' && !vis?.hides(tr)) rows.push(tr);
    }
    out.push(rows);
    n += rows.length;
  }
  return out;
}

/**
 * The text to tell a table by: all of it when it has at most `maxRows` rows, else its caption and
 * first `maxRows` rows (the rows a classifier looks at), so that a long appendix is not read whole
 * only to be skipped.
 */
export function leadingText(table: Element, maxRows: number): string {
  const groups = rowGroups(table, maxRows + 1);
  let n = 0;
  for (const g of groups) n += g.length;
  if (n <= maxRows) return table.textContent ?? '';
  let text = '';
  for (let child = table.firstElementChild; child; child = child.nextElementSibling)
    if (child.tagName === 'CAPTION') text += child.textContent ?? '';
  let left = maxRows;
  for (const g of groups)
    for (const tr of g) {
      if (left-- <= 0) return text;
      text += tr.textContent ?? '';
    }
  return text;
}

/**
 * Expand a table into its grid as a browser would: rowspan/colspan clamped, rowspan=0 and spans
 * past the end of the row group cut at the group's end, cells placed in the first free slot, rows
 * and cells the page does not render left out (a cell that keeps its room but shows nothing is
 * blank). Work is linear in the number of slots; nested tables are not entered. A number for
 * `opts` is `maxRows`.
 */
export function buildGrid(table: Element, opts: number | GridOptions = {}): Grid {
  const {
    maxRows = Number.POSITIVE_INFINITY,
    maxCells = Number.POSITIVE_INFINITY,
    visibility,
  } = typeof opts === 'number' ? { maxRows: opts } : opts;
  const vis = visibility ?? new Visibility(table.ownerDocument);
  const slots: (GridCell | undefined)[][] = [];
  const cells: GridCell[] = [];
  let width = 0;
  let r = 0;
  let truncated = false;
  // One row more than asked for tells whether the table goes on.
  outer: for (const group of rowGroups(table, maxRows + 1, vis)) {
    const groupEnd = r + group.length;
    for (const tr of group) {
      if (r >= maxRows || cells.length >= maxCells) {
        truncated = true;
        break outer;
      }
      const row = slots[r] ?? [];
      slots[r] = row;
      let c = 0;
      for (let td = tr.firstElementChild; td; td = td.nextElementSibling) {
        if (td.tagName !== 'TD' && td.tagName !== 'TH') continue;
        const shown = vis.state(td);
        if (shown === 2) continue;
        if (cells.length >= maxCells) {
          truncated = true;
          break;
        }
        while (row[c] !== undefined) c++;
        let colspan = spanAttr(td, 'colspan', 1);
        if (colspan < 1) colspan = 1;
        if (colspan > MAX_COLSPAN) colspan = MAX_COLSPAN;
        let rowspan = spanAttr(td, 'rowspan', 1);
        if (rowspan === 0 || rowspan > MAX_ROWSPAN) rowspan = groupEnd - r;
        rowspan = Math.max(1, Math.min(rowspan, groupEnd - r));
        const cell: GridCell = { el: td, text: shown === 1 ? '' : cellText(td, vis), row: r, col: c, rowspan, colspan };
        cells.push(cell);
        for (let dr = 0; dr < rowspan; dr++) {
          const target = slots[r + dr] ?? [];
          slots[r + dr] = target;
          for (let dc = 0; dc < colspan; dc++) {
            // A later cell never overwrites an earlier one (overlaps keep the first, as browsers do).
            if (target[c + dc] === undefined) target[c + dc] = cell;
          }
        }
        c += colspan;
        if (c > width) width = c;
      }
      r++;
    }
  }
  // Rowspans reaching past the last row built are cut there.
  if (slots.length > r) slots.length = r;
  for (let i = 0; i < slots.length; i++) if (!slots[i]) slots[i] = [];
  return truncated ? { table, slots, cells, width, truncated } : { table, slots, cells, width };
}

/**
 * The keys of the columns a cell spans, each once, in order (`keys[c]` names column c, or is null):
 * a cell of one column has its column's key alone.
 */
export function spannedKeys(keys: readonly (string | null)[], cell: GridCell): string[] {
  if (cell.colspan === 1) {
    const key = keys[cell.col];
    return key ? [key] : [];
  }
  return [...new Set(keys.slice(cell.col, cell.col + cell.colspan).filter((k): k is string => !!k))];
}

/** The distinct cells of one grid row, left to right (a cell spanning several columns appears once). */
export function rowCells(grid: Grid, r: number): GridCell[] {
  const out: GridCell[] = [];
  let last: GridCell | undefined;
  for (const cell of grid.slots[r] ?? []) {
    if (cell && cell !== last) out.push(cell);
    last = cell;
  }
  return out;
}
