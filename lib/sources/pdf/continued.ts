/**
 * A table continued on the next page: the part at the top of the next page, with the same columns,
 * is joined to the part before; header rows it repeats are dropped; a cell cut by the page break
 * (a row split in two, or a row label spanning rows on both pages) becomes one cell again.
 */
import { joinWrapped } from './lines';
import type { PdfTable, TableCell } from './table';

/** Column boundaries this close (PDF units) are the same boundary. */
const SAME_COLUMN = 2.5;

const near = (xs: number[], x: number) => xs.findIndex((y) => Math.abs(x - y) <= SAME_COLUMN);

/** Of one part's column boundaries within the other's width, the share the other has too. */
function shared(a: number[], b: number[]): number {
  const inside = a.filter((x) => x >= (b[0] as number) - SAME_COLUMN && x <= (b[b.length - 1] as number) + SAME_COLUMN);
  return inside.length ? inside.filter((x) => near(b, x) >= 0).length / inside.length : 0;
}

/**
 * Both parts' column boundaries, when they agree where both have them (else null: not one table).
 * A part has fewer where its rows merge columns, or where it left an outer column's cut cell undrawn.
 */
function commonColumns(a: PdfTable, b: PdfTable): number[] | null {
  if (Math.max(shared(a.xs, b.xs), shared(b.xs, a.xs)) < 0.85) return null;
  const xs = [...a.xs];
  for (const x of b.xs) if (near(xs, x) < 0) xs.push(x);
  return xs.sort((p, q) => p - q);
}

/** Can `b` (at the top of a page) continue `a` (ending the page before)? */
export function sameColumns(a: PdfTable, b: PdfTable): boolean {
  if (commonColumns(a, b) === null) return false;
  // The same outer edges, or one part lacking an outer column whose cut cell it left undrawn.
  const left = Math.abs((a.xs[0] as number) - (b.xs[0] as number)) <= SAME_COLUMN;
  const right = Math.abs((a.xs[a.xs.length - 1] as number) - (b.xs[b.xs.length - 1] as number)) <= SAME_COLUMN;
  return left || right;
}

/** The table on finer column boundaries (which hold its own), with its open edges per new column. */
function refit(t: PdfTable, xs: number[]): PdfTable {
  if (xs.length === t.xs.length) return t;
  const cells = t.cells.map((c) => {
    const col = near(xs, t.xs[c.col] as number);
    return { ...c, col, colspan: near(xs, t.xs[c.col + c.colspan] as number) - col };
  });
  // A new column outside the table's own is open (nothing of it was drawn).
  const flag = (own: boolean[]) =>
    xs.slice(1).map((x, c) => {
      const mid = ((xs[c] as number) + x) / 2;
      const k = t.xs.findIndex((b, i) => i > 0 && mid <= b) - 1;
      return k < 0 || mid < (t.xs[0] as number) ? true : (own[k] ?? true);
    });
  return { ...t, xs, cells, openTop: flag(t.openTop), openBottom: flag(t.openBottom) };
}

const NUMBER = /^[+-]?[0-9０-９]/;

const squash = (s: string) => s.replace(/\s+/g, '');

/** The first `k` rows of a table as text, or null when a cell of them reaches below row `k`. */
function headSignature(t: PdfTable, k: number): string | null {
  const cells = t.cells.filter((c) => c.row < k);
  if (cells.some((c) => c.row + c.rowspan > k)) return null;
  return cells
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((c) => `${c.row},${c.col},${c.rowspan},${c.colspan}:${squash(c.text)}`)
    .join('|');
}

/** How many first rows of `next` repeat the first rows of `prev` (a header printed again on each page). */
export function repeatedHeader(prev: PdfTable, next: PdfTable): number {
  for (let k = Math.min(prev.rows, next.rows - 1); k >= 1; k--) {
    const a = headSignature(prev, k);
    if (a !== null && a !== '' && a === headSignature(next, k) && /[^|,0-9:]/.test(a)) return k;
  }
  return 0;
}

const covering = (cells: TableCell[], r: number, c: number) =>
  cells.find((p) => p.row <= r && r < p.row + p.rowspan && p.col <= c && c < p.col + p.colspan);

/** Slots no cell covers (a column a part left undrawn) go to the cell above them, when it spans just those columns. */
function fillHoles(cells: TableCell[], rows: number, cols: number): void {
  for (let r = 1; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (covering(cells, r, c)) continue;
      const above = covering(cells, r - 1, c);
      if (!above || above.row + above.rowspan !== r) continue;
      let free = true;
      for (let k = above.col; k < above.col + above.colspan; k++) if (covering(cells, r, k)) free = false;
      if (free) above.rowspan++;
    }
  }
}

/** Join `after` (the part on the following page) to `before`. Call only when `sameColumns`. */
export function joinTables(before: PdfTable, after: PdfTable): PdfTable {
  const xs = commonColumns(before, after) ?? before.xs;
  const prev = refit(before, xs);
  const next = refit(after, xs);
  const cols = xs.length - 1;
  const skip = repeatedHeader(prev, next);
  const cells: TableCell[] = prev.cells.map((c) => ({ ...c }));
  const last = prev.rows - 1;
  const first = next.cells.filter((c) => c.row === skip);
  // Open on both sides of the break, column by column: there the cell goes on. Under a repeated
  // header the cut edge is the header's (closed): there a cell goes on when it is empty, or when
  // the whole row holds no figure (the rest of a row cut in two).
  const figureless = !first.some((n) => NUMBER.test(n.text.trim()));
  const open = xs.slice(1).map((_, c) => {
    if (!(prev.openBottom[c] ?? false)) return false;
    if (skip === 0) return next.openTop[c] ?? false;
    const n = covering(first, skip, c);
    return !n || n.text.trim() === '' || figureless;
  });
  const continuing = (n: TableCell) => {
    const p = covering(cells, last, n.col);
    let isOpen = true;
    for (let k = n.col; k < n.col + n.colspan; k++) isOpen &&= open[k] ?? false;
    return isOpen && p && p.col === n.col && p.colspan === n.colspan && p.row + p.rowspan === prev.rows ? p : null;
  };
  // A row split by the page break: every cell of it goes on (its first part is the last row before).
  const split = first.length > 0 && open.filter(Boolean).length > cols / 2 && first.every((n) => continuing(n) !== null);
  const offset = split ? prev.rows - 1 : prev.rows;
  for (const n of next.cells) {
    if (n.row < skip) continue;
    const p = n.row === skip ? continuing(n) : null;
    if (p) {
      p.text = joinWrapped(p.text, n.text, 'wrap');
      p.rowspan += n.rowspan - (split ? 1 : 0);
      continue;
    }
    cells.push({ ...n, row: n.row - skip + offset });
  }
  const rows = offset + next.rows - skip;
  fillHoles(cells, rows, cols);
  return { ...prev, lastPage: next.lastPage, bottom: next.bottom, rows, cells, openBottom: next.openBottom };
}
