/** A table rebuilt from a PDF page: cells on a grid, each with its text, page and box. */
import type { Box } from './page';

export interface TableCell {
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
  text: string;
  page: number;
  /** PDF units, origin bottom left. */
  box: Box;
}

export interface PdfTable {
  /** The page it starts on and the page it ends on (a table continued over pages is joined). */
  page: number;
  lastPage: number;
  /** Column boundaries, left to right (one more than the columns). */
  xs: number[];
  /** Top of the table on its first page, bottom on its last. */
  top: number;
  bottom: number;
  rows: number;
  cells: TableCell[];
  /** Drawn with ruling lines (else rebuilt from the alignment of its text). */
  ruled: boolean;
  /**
   * Per column, no line closes the table there at its top (or bottom): a cell cut by a page break
   * (browsers and Word leave the cut edge open), to be joined with its rest on the other page.
   */
  openTop: boolean[];
  openBottom: boolean[];
}

/**
 * The cells of a table as rows, each row's cells left to right; `null` stands for a slot no cell
 * covers that has cells after it in its row (an empty cell keeps the ones after it in place).
 */
export function rowsOf(t: PdfTable): (TableCell | null)[][] {
  const cols = t.xs.length - 1;
  const covered: boolean[][] = Array.from({ length: t.rows }, () => new Array(cols).fill(false));
  const starts = new Map<string, TableCell>();
  for (const c of t.cells) {
    starts.set(`${c.row},${c.col}`, c);
    for (let r = c.row; r < c.row + c.rowspan && r < t.rows; r++)
      for (let k = c.col; k < c.col + c.colspan; k++) (covered[r] as boolean[])[k] = true;
  }
  return covered.map((row, r) => {
    const out: (TableCell | null)[] = [];
    const last = row.lastIndexOf(true);
    for (let c = 0; c <= last; c++) {
      const cell = starts.get(`${r},${c}`);
      if (cell) out.push(cell);
      else if (!row[c]) out.push(null);
    }
    return out;
  });
}
