/**
 * Tables drawn without ruling lines, told by the alignment of their text: lines whose text stands
 * in separated pieces make a table region; the pieces' horizontal extents give the columns; the
 * lines of one cell are those close together in one column; the cells' heights give the rows; a
 * cell standing centred over several columns or rows (a merged header, a group label) is given
 * that span back.
 */
import { joinLines, type Line, makeLine } from './lines';
import type { TextRun } from './page';
import type { PdfTable, TableCell } from './table';

/** A piece of a line standing apart from the rest (a gap of at least half the font size). */
interface Seg {
  line: Line;
  page: number;
  runs: TextRun[];
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

const GAP = 0.4;
const FIGURE = /^[+\-－]?[0-9０-９][0-9０-９,，.．]*\s*(?:万元|元|件|项|个|条|次|%)?$|^[/／\-－—–]$/;

function segments(line: Line, page = 0): Seg[] {
  const out: Seg[] = [];
  let cur: TextRun[] = [];
  let end = Number.NEGATIVE_INFINITY;
  const flush = () => {
    if (!cur.length) return;
    const l = makeLine(cur);
    out.push({ line, page, runs: cur, text: l.text, x0: l.x0, x1: l.x1, y: l.y, size: l.size });
    cur = [];
  };
  for (const r of line.runs) {
    if (cur.length && r.x - end >= GAP * r.size) flush();
    cur.push(r);
    end = Math.max(end, r.x + r.w);
  }
  flush();
  return out;
}

/** A region of lines that make one table: consecutive, close together, of one size, most in pieces. */
function regions(lines: Line[], width: { left: number; right: number; size: number }): Line[][] {
  const out: Line[][] = [];
  let cur: Line[] = [];
  const pieces = (l: Line) => segments(l).length;
  const flush = () => {
    // At least two lines in pieces, and a figure among them: a table, not a line of two phrases.
    const rows = cur.filter((l) => pieces(l) >= 2);
    const figures = cur.flatMap((l) => segments(l)).filter((s) => FIGURE.test(s.text)).length;
    if (rows.length >= 2 && figures >= 1) out.push(...splitStacked(cur));
    cur = [];
  };
  // A wide line of one piece in the body text's size is a paragraph (a table set smaller is not).
  const prose = (l: Line) => pieces(l) < 2 && l.x1 - l.x0 > (width.right - width.left) * 0.6 && l.size >= width.size * 0.95;
  for (const l of lines) {
    const last = cur[cur.length - 1];
    const near = last && last.y - l.y <= 2.6 * Math.max(l.size, last.size) && Math.abs(l.size - last.size) <= last.size * 0.12;
    if (last && near && !prose(l)) {
      cur.push(l);
      continue;
    }
    flush();
    if (!prose(l)) cur.push(l);
  }
  flush();
  return out;
}

/**
 * Small tables stacked one under another (表二 as one table per sub-block), each under its caption
 * line: a new table starts at a line standing alone when the lines in pieces after it start or end
 * elsewhere than those before it.
 */
function splitStacked(region: Line[]): Line[][] {
  const multi = (l: Line) => segments(l).length >= 2;
  const runs: { from: number; to: number; x0: number; x1: number }[] = [];
  region.forEach((l, i) => {
    if (!multi(l)) return;
    const last = runs[runs.length - 1];
    const segs = segments(l);
    const x0 = Math.min(...segs.map((s) => s.x0));
    const x1 = Math.max(...segs.map((s) => s.x1));
    if (last && last.to === i - 1) {
      last.to = i;
      last.x0 = Math.min(last.x0, x0);
      last.x1 = Math.max(last.x1, x1);
    } else runs.push({ from: i, to: i, x0, x1 });
  });
  const cuts: number[] = [];
  for (let k = 1; k < runs.length; k++) {
    const a = runs[k - 1] as (typeof runs)[number];
    const b = runs[k] as (typeof runs)[number];
    const size = (region[b.from] as Line).size;
    if (Math.abs(a.x0 - b.x0) <= size && Math.abs(a.x1 - b.x1) <= size) continue;
    // The caption: a line alone just before the next lines in pieces, centred over them and the
    // lines alone among them.
    const after = region.slice(a.to + 1, runs[k + 1]?.from ?? region.length);
    const x0 = Math.min(b.x0, ...after.map((l) => l.x0));
    const x1 = Math.max(b.x1, ...after.map((l) => l.x1));
    const caption = region
      .slice(a.to + 1, b.from)
      .findIndex((l) => [...l.text].length >= 4 && Math.abs((l.x0 + l.x1) / 2 - (x0 + x1) / 2) <= size && l.x0 > x0 + size);
    if (caption >= 0) cuts.push(a.to + 1 + caption);
  }
  const parts: Line[][] = [];
  let from = 0;
  for (const c of cuts) {
    parts.push(region.slice(from, c));
    from = c;
  }
  parts.push(region.slice(from));
  return parts.filter((p) => p.filter(multi).length >= 1);
}

/** Columns of figures: the extents of figures that overlap (within a column they do, across never). */
function figureColumns(segs: Seg[]): { x0: number; x1: number }[] {
  const figs = segs.filter((s) => FIGURE.test(s.text)).sort((a, b) => a.x0 - b.x0);
  const cols: { x0: number; x1: number }[] = [];
  for (const f of figs) {
    const last = cols[cols.length - 1];
    if (last && f.x0 <= last.x1 + 0.5) last.x1 = Math.max(last.x1, f.x1);
    else cols.push({ x0: f.x0, x1: f.x1 });
  }
  return cols;
}

/**
 * Column boundaries of a region, left to right. Columns of figures are where figures stand (they
 * overlap within a column and never across); the row labels left of them are columns where their
 * lines start (labels are set flush left). A boundary between two columns of figures goes where it
 * cuts the fewest words (a header wider than its figures), as near the next column as it can.
 */
function boundaries(segs: Seg[], lines: Line[]): number[] | null {
  const cols = figureColumns(segs);
  if (cols.length === 0) return null;
  const size = segs[0]?.size ?? 10;
  const words = segs.filter((s) => !FIGURE.test(s.text));
  const cuts = (x: number) => words.filter((w) => w.x0 < x - 0.5 && w.x1 > x + 0.5).length;
  const place = (from: number, to: number): number => {
    const points = [to - Math.min(3, (to - from) / 2), ...words.flatMap((w) => [w.x1 + 1, w.x0 - 1]).filter((x) => x > from && x < to)];
    return points.reduce((best, x) => (cuts(x) < cuts(best) || (cuts(x) === cuts(best) && x > best) ? x : best));
  };
  const first = cols[0] as { x0: number };
  // Header lines: those above the first line with a figure.
  const firstFigureLine = lines.findIndex((l) => segments(l).some((s) => FIGURE.test(s.text)));
  const headerLines = new Set(lines.slice(0, Math.max(0, firstFigureLine)));
  const labels = words.filter((w) => !headerLines.has(w.line) && w.x1 < first.x0 - 1).sort((a, b) => a.x0 - b.x0);
  const starts: number[][] = [];
  for (const w of labels) {
    const last = starts[starts.length - 1];
    if (last && w.x0 - (last[last.length - 1] as number) <= 2) last.push(w.x0);
    else starts.push([w.x0]);
  }
  const labelStarts = starts.filter((g) => g.length >= 2).map((g) => g[0] as number);
  const left = Math.min(...segs.map((s) => s.x0)) - 3;
  const xs = [left, ...labelStarts.slice(1).map((x) => x - Math.min(3, size * 0.3))];
  if (labelStarts.length === 0 && left < first.x0 - size) xs.push(first.x0 - 3);
  const labelEnd = Math.max(left + 1, ...labels.map((w) => w.x1));
  if (labelStarts.length) xs.push(place(Math.min(labelEnd, first.x0 - 1), first.x0));
  if (xs.length === 1) xs[0] = Math.min(left, first.x0 - 3);
  for (let i = 1; i < cols.length; i++) xs.push(place((cols[i - 1] as { x1: number }).x1, (cols[i] as { x0: number }).x0));
  // One column of figures makes a table only beside a column of labels.
  if (cols.length < 2 && xs.length < 2) return null;
  const lastCol = cols[cols.length - 1] as { x1: number };
  xs.push(Math.max(lastCol.x1, ...words.filter((w) => w.x0 > lastCol.x1 - size * 3).map((w) => w.x1)) + 3);
  return xs;
}

/** The columns a piece of text covers: every column whose region it overlaps by more than a little. */
function colRange(s: { x0: number; x1: number }, xs: number[]): [number, number] {
  let a = -1;
  let b = -1;
  for (let c = 0; c < xs.length - 1; c++) {
    const overlap = Math.min(s.x1, xs[c + 1] as number) - Math.max(s.x0, xs[c] as number);
    if (overlap > 1) {
      if (a < 0) a = c;
      b = c;
    }
  }
  if (a < 0) {
    const mid = (s.x0 + s.x1) / 2;
    a = b = Math.max(0, Math.min(xs.length - 2, xs.findIndex((x) => x > mid) - 1));
  }
  return [a, b];
}

/** A cell's text lines before placing: its columns and its vertical extent. */
interface Block {
  segs: Seg[];
  c0: number;
  c1: number;
  top: number;
  bottom: number;
  numeric: boolean;
}

const ITEM = /^[（(]?[一二三四五六七八九十0-9０-９]+[)）.．、]/;

/** The lines of one cell: pieces in the same columns, one under the other at the cell's line spacing. */
function blocksOf(segs: Seg[], xs: number[]): Block[] {
  const placed = segs.map((s) => ({ s, r: colRange(s, xs) })).sort((a, b) => b.s.y - a.s.y);
  // The spacing of lines inside a cell: the smallest distance between two lines of words in one
  // column. Wider than twice the font size, it is the distance between rows: no cell has two lines.
  let leading = Number.POSITIVE_INFINITY;
  for (let i = 0; i < placed.length; i++) {
    const a = placed[i] as (typeof placed)[number];
    if (FIGURE.test(a.s.text)) continue;
    const b = placed.slice(i + 1).find((o) => o.r[0] === a.r[0] && o.s.y < a.s.y - 1);
    if (b && !FIGURE.test(b.s.text)) leading = Math.min(leading, a.s.y - b.s.y);
  }
  if (leading > 2 * (placed[0]?.s.size ?? 10)) leading = 0;
  const blocks: Block[] = [];
  for (const { s, r } of placed) {
    const numeric = FIGURE.test(s.text);
    const prev = blocks.find((b) => {
      const last = b.segs[b.segs.length - 1] as Seg;
      return (
        !b.numeric && !numeric && r[0] <= b.c1 && r[1] >= b.c0 && last.y - s.y > 1 && last.y - s.y <= leading * 1.15 && !ITEM.test(s.text)
      );
    });
    if (prev) {
      prev.segs.push(s);
      prev.c0 = Math.min(prev.c0, r[0]);
      prev.c1 = Math.max(prev.c1, r[1]);
      prev.bottom = s.y - s.size * 0.25;
      continue;
    }
    blocks.push({ segs: [s], c0: r[0], c1: r[1], top: s.y + s.size * 0.85, bottom: s.y - s.size * 0.25, numeric });
  }
  return blocks;
}

const overlaps = (a: Block, b: Block) => Math.min(a.top, b.top) - Math.max(a.bottom, b.bottom) > 0;

/** Row bands, top to bottom, from the extents of cells that do not stand beside two rows of another column. */
function bands(blocks: Block[]): { top: number; bottom: number }[] {
  const tall = (b: Block) => {
    for (let c = 0; ; c++) {
      const beside = blocks.filter((o) => o !== b && o.c0 <= c && o.c1 >= c && overlaps(o, b));
      if (beside.some((o) => beside.some((p) => p !== o && !overlaps(o, p)))) return true;
      if (c > 64) return false;
    }
  };
  const spans = blocks
    .filter((b) => !tall(b))
    .map((b) => ({ top: b.top, bottom: b.bottom }))
    .sort((a, b) => b.top - a.top);
  const out: { top: number; bottom: number }[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.top > last.bottom) last.bottom = Math.min(last.bottom, s.bottom);
    else out.push({ ...s });
  }
  return out;
}

interface Grid {
  /** Cells with where their text stands (its centre, its left and right ends) and whether it is a figure. */
  cells: (TableCell & { cx: number; cy: number; x0: number; x1: number; fixed: boolean })[];
  owner: (number | undefined)[][];
}

/**
 * Widen a cell over free slots along one axis, within `limit`, so that its text stands centred in
 * it: of the spans that centre it best (within 1.5 units of the best), the widest. Returns how far
 * the text stays from the centre of the span taken.
 */
function widen(g: Grid, i: number, axis: 'col' | 'row', pos: number[], limit: { from: number; to: number }): number {
  const c = g.cells[i] as Grid['cells'][number];
  const start = axis === 'col' ? c.col : c.row;
  const len = axis === 'col' ? c.colspan : c.rowspan;
  const across = axis === 'col' ? c.rowspan : c.colspan;
  const free = (k: number) => {
    for (let o = 0; o < across; o++) {
      const slot = axis === 'col' ? g.owner[c.row + o]?.[k] : g.owner[k]?.[c.col + o];
      if (slot !== undefined && slot !== i) return false;
    }
    return true;
  };
  let lo = start;
  while (lo - 1 >= limit.from && free(lo - 1)) lo--;
  let hi = start + len - 1;
  while (hi + 1 <= limit.to && free(hi + 1)) hi++;
  const centre = axis === 'col' ? c.cx : -c.cy;
  const spans: { a: number; b: number; dev: number }[] = [];
  for (let a = lo; a <= start; a++)
    for (let b = start + len - 1; b <= hi; b++)
      spans.push({ a, b, dev: Math.abs(((pos[a] as number) + (pos[b + 1] as number)) / 2 - centre) });
  const best = Math.min(...spans.map((x) => x.dev));
  const pick = spans.filter((x) => x.dev <= best + 1.5).reduce((p, q) => (q.b - q.a > p.b - p.a ? q : p));
  setSpan(g, i, axis, pick.a, pick.b);
  return pick.dev;
}

function setSpan(g: Grid, i: number, axis: 'col' | 'row', a: number, b: number): void {
  const c = g.cells[i] as Grid['cells'][number];
  for (let r = c.row; r < c.row + c.rowspan; r++)
    for (let k = c.col; k < c.col + c.colspan; k++) if (g.owner[r]?.[k] === i) (g.owner[r] as (number | undefined)[])[k] = undefined;
  if (axis === 'col') {
    c.col = a;
    c.colspan = b - a + 1;
  } else {
    c.row = a;
    c.rowspan = b - a + 1;
  }
  for (let r = c.row; r < c.row + c.rowspan; r++)
    for (let k = c.col; k < c.col + c.colspan; k++) (g.owner[r] as (number | undefined)[])[k] = i;
}

/**
 * Give merged cells their spans back. Header cells first over rows (a label centred beside two
 * header rows), then over columns, row by row, each between its neighbours. Row labels: over the
 * free label columns to their right, then over rows (centred; or, set at the top of their rows,
 * down to the next label of their column), the innermost label column excepted.
 */
function restoreSpans(g: Grid, xs: number[], ys: number[], headRows: number, labelCols: number, rowPage: number[]): void {
  const nRows = rowPage.length;
  const nCols = xs.length - 1;
  const rowPos = ys.map((y) => -y);
  const ids = g.cells.map((_, i) => i);
  for (const i of ids)
    if ((g.cells[i] as Grid['cells'][number]).row < headRows && !(g.cells[i] as Grid['cells'][number]).fixed)
      widen(g, i, 'row', rowPos, { from: 0, to: headRows - 1 });
  // A header row has no holes: each run of free slots goes to the cells beside it, split where
  // both stay best centred (a group header is centred over its columns, and shorter than they are).
  const canTake = (i: number, from: number, to: number) => {
    const c = g.cells[i] as Grid['cells'][number];
    for (let rr = c.row; rr < c.row + c.rowspan; rr++) for (let k = from; k <= to; k++) if (g.owner[rr]?.[k] !== undefined) return false;
    return true;
  };
  const mid = (a: number, b: number) => ((xs[a] as number) + (xs[b + 1] as number)) / 2;
  for (let r = 0; r < headRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (g.owner[r]?.[c] !== undefined) continue;
      let end = c;
      while (end + 1 < nCols && g.owner[r]?.[end + 1] === undefined) end++;
      const li = c > 0 ? g.owner[r]?.[c - 1] : undefined;
      const ri = end + 1 < nCols ? g.owner[r]?.[end + 1] : undefined;
      const L = li !== undefined && canTake(li, c, end) ? (g.cells[li] as Grid['cells'][number]) : null;
      const R = ri !== undefined && canTake(ri, c, end) ? (g.cells[ri] as Grid['cells'][number]) : null;
      let split = L ? end + 1 : c;
      if (L && R) {
        let cost = Number.POSITIVE_INFINITY;
        for (let k = c; k <= end + 1; k++) {
          const here = Math.abs(mid(L.col, k - 1) - L.cx) + Math.abs(mid(k, R.col + R.colspan - 1) - R.cx);
          if (here < cost) [cost, split] = [here, k];
        }
      }
      if (L && split > c) setSpan(g, li as number, 'col', L.col, split - 1);
      if (R && split <= end) setSpan(g, ri as number, 'col', split, R.col + R.colspan - 1);
      c = end;
    }
  }
  const figureRows = new Set(g.cells.filter((c) => c.fixed).map((c) => c.row));
  const labels = ids.filter((i) => {
    const c = g.cells[i] as Grid['cells'][number];
    return !c.fixed && c.row >= headRows && c.col < labelCols;
  });
  for (const i of labels) {
    const c = g.cells[i] as Grid['cells'][number];
    if (!figureRows.has(c.row)) continue;
    let b = c.col + c.colspan - 1;
    while (b + 1 < labelCols && g.owner[c.row]?.[b + 1] === undefined) b++;
    setSpan(g, i, 'col', c.col, b);
  }
  for (let col = 0; col < labelCols - 1; col++) {
    const inCol = labels
      .filter((i) => {
        const c = g.cells[i] as Grid['cells'][number];
        return c.col === col && c.col + c.colspan < labelCols;
      })
      .sort((a, b) => (g.cells[a] as Grid['cells'][number]).row - (g.cells[b] as Grid['cells'][number]).row);
    inCol.forEach((i, k) => {
      const next = inCol[k + 1];
      const to = next === undefined ? nRows - 1 : (g.cells[next] as Grid['cells'][number]).row - 1;
      // A label on another page than the label before it starts no higher than its page's rows:
      // the page break cut the label before, which goes on down to it.
      const row = (g.cells[i] as Grid['cells'][number]).row;
      const page = rowPage[row];
      const prev = inCol[k - 1];
      const from =
        prev !== undefined && rowPage[(g.cells[prev] as Grid['cells'][number]).row] !== page ? rowPage.indexOf(page as number) : headRows;
      const cut = next !== undefined && rowPage[(g.cells[next] as Grid['cells'][number]).row] !== page;
      const dev = cut ? Number.POSITIVE_INFINITY : widen(g, i, 'row', rowPos, { from: Math.max(headRows, from), to });
      if (dev <= 4) return;
      // Not centred in any span: set at the top of its rows, it reaches down to the next label.
      const c = g.cells[i] as Grid['cells'][number];
      let end = c.row;
      while (end + 1 <= to && [...Array(c.colspan).keys()].every((o) => g.owner[end + 1]?.[c.col + o] === undefined)) end++;
      setSpan(g, i, 'row', c.row, end);
    });
  }
}

/** A cell's text from its pieces, each a line, the widest taken for the room the cell had. */
function cellText(segs: Seg[]): string {
  const lines = segs.map((s) => makeLine(s.runs));
  const width = Math.max(...lines.map((l) => l.x1 - l.x0));
  return joinLines(lines, (l) => width - (l.x1 - l.x0));
}

/** Build the table of a region, in parts on consecutive pages (each part's lines with its page). */
export function alignedTable(parts: { page: number; lines: Line[] }[]): PdfTable | null {
  // The parts one under the other: each part's heights moved to just under the part before.
  const shifts: number[] = [];
  let bottom = 0;
  const segs: Seg[] = [];
  parts.forEach((part, k) => {
    const top = Math.max(...part.lines.map((l) => l.y + l.size));
    // One line's spacing below: the first line may be the rest of a cell the page break cut.
    // A first line of words alone, not a new item, is the rest of a cell the page break cut: it
    // goes one line's spacing under the part before; anything else a row's spacing under it.
    const first = part.lines[0] as Line;
    const cut = segments(first).length === 1 && !ITEM.test(first.text) && !FIGURE.test(first.text);
    const shift = k === 0 ? 0 : bottom - top - (cut ? 0.75 : 2) * first.size;
    shifts.push(shift);
    for (const l of part.lines) for (const sg of segments(l, part.page)) segs.push({ ...sg, y: sg.y + shift });
    bottom = Math.min(...part.lines.map((l) => l.y)) + shift;
  });
  const pageShift = new Map(parts.map((p, k) => [p.page, shifts[k] as number]));
  const page = parts[0]?.page ?? 1;
  const xs = boundaries(
    segs,
    parts.flatMap((p) => p.lines),
  );
  if (!xs) return null;
  const blocks = blocksOf(segs, xs);
  const rows = bands(blocks);
  if (rows.length < 2) return null;
  const ys = [
    rows[0]?.top as number,
    ...rows.slice(1).map((r, i) => ((rows[i] as { bottom: number }).bottom + r.top) / 2),
    rows[rows.length - 1]?.bottom as number,
  ];
  const nCols = xs.length - 1;
  const g: Grid = { cells: [], owner: Array.from({ length: rows.length }, () => new Array(nCols)) };
  for (const b of blocks) {
    const hit = rows.map((r, i) => [r, i] as const).filter(([r]) => Math.min(r.top, b.top) - Math.max(r.bottom, b.bottom) > 0);
    const r0 = hit[0]?.[1] ?? 0;
    const r1 = hit[hit.length - 1]?.[1] ?? r0;
    let clash = false;
    for (let r = r0; r <= r1; r++) for (let c = b.c0; c <= b.c1; c++) if (g.owner[r]?.[c] !== undefined) clash = true;
    if (clash) continue;
    const i = g.cells.length;
    const top = b.segs[0] as Seg;
    const last = b.segs[b.segs.length - 1] as Seg;
    g.cells.push({
      row: r0,
      col: b.c0,
      rowspan: r1 - r0 + 1,
      colspan: b.c1 - b.c0 + 1,
      text: cellText(b.segs),
      page: top.page,
      box: { x: 0, y: 0, w: 0, h: 0 },
      cx: (Math.min(...b.segs.map((s) => s.x0)) + Math.max(...b.segs.map((s) => s.x1))) / 2,
      x0: Math.min(...b.segs.map((s) => s.x0)),
      x1: Math.max(...b.segs.map((s) => s.x1)),
      cy: (top.y + top.size * 0.35 + last.y + last.size * 0.35) / 2,
      fixed: b.numeric,
    });
    for (let r = r0; r <= r1; r++) for (let c = b.c0; c <= b.c1; c++) (g.owner[r] as (number | undefined)[])[c] = i;
  }
  // Where the figures start: rows above the first row with a figure are the header; columns left
  // of the first column with a figure hold the row labels.
  const figureRows = g.cells.filter((c) => c.fixed).map((c) => c.row);
  const figureCols = g.cells.filter((c) => c.fixed).map((c) => c.col);
  if (!figureRows.length) return null;
  const headRows = Math.min(...figureRows);
  const labelCols = Math.min(...figureCols);
  const rowPage = rows.map((_, r) => g.cells.find((c) => c.row === r)?.page ?? page);
  restoreSpans(g, xs, ys, headRows, labelCols, rowPage);
  // Every slot left is an empty cell (a blank figure, an empty corner).
  const cells: TableCell[] = g.cells.map(({ cx: _x, cy: _y, x0: _a, x1: _b, fixed: _f, ...c }) => c);
  for (let r = 0; r < rows.length; r++)
    for (let c = 0; c < nCols; c++)
      if (g.owner[r]?.[c] === undefined)
        cells.push({ row: r, col: c, rowspan: 1, colspan: 1, text: '', page, box: { x: 0, y: 0, w: 0, h: 0 } });
  // An empty cell is on its row's page.
  for (const c of cells) {
    if (c.text === '') c.page = rowPage[c.row] ?? page;
    const shift = pageShift.get(c.page) ?? 0;
    const x = xs[c.col] as number;
    // A cell cut by a page break keeps the part on its own page.
    const last = Math.max(c.row, ...Array.from({ length: c.rowspan }, (_, k) => c.row + k).filter((r) => rowPage[r] === c.page));
    const y = (ys[last + 1] as number) - shift;
    c.box = { x, y, w: (xs[c.col + c.colspan] as number) - x, h: (ys[c.row] as number) - shift - y };
  }
  const open = new Array(nCols).fill(false);
  const lastPage = parts[parts.length - 1]?.page ?? page;
  return {
    page,
    lastPage,
    xs,
    top: ys[0] as number,
    bottom: (ys[ys.length - 1] as number) - (pageShift.get(lastPage) ?? 0),
    rows: rows.length,
    cells,
    ruled: false,
    openTop: open,
    openBottom: [...open],
  };
}

/** Regions of a page's lines (those not in a ruled table) that are tables told by alignment. */
export function alignedRegions(lines: Line[]): Line[][] {
  if (lines.length < 2) return [];
  // The body text's size: the size most of the page's characters have.
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(Math.round(l.size), (weight.get(Math.round(l.size)) ?? 0) + l.text.length);
  const size = [...weight].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return regions(lines, { left: Math.min(...lines.map((l) => l.x0)), right: Math.max(...lines.map((l) => l.x1)), size });
}

/** Does a region at the top of a page continue one ending the page before: the same columns of figures. */
export function continuesRegion(prev: Line[], next: Line[]): boolean {
  const a = figureColumns(prev.flatMap((l) => segments(l)));
  const b = figureColumns(next.flatMap((l) => segments(l)));
  return a.length >= 2 && a.length === b.length && a.every((c, i) => Math.abs(c.x0 - (b[i] as { x0: number }).x0) <= 3);
}

/**
 * The lines of a continuing region after the header it repeats: its first lines without figures
 * whose every piece is a piece of the first region's header.
 */
export function withoutRepeatedHeader(first: Line[], next: Line[]): Line[] {
  const headEnd = first.findIndex((l) => segments(l).some((s) => FIGURE.test(s.text)));
  const head = new Set(first.slice(0, Math.max(0, headEnd)).flatMap((l) => segments(l).map((s) => s.text)));
  let k = 0;
  while (k < next.length && segments(next[k] as Line).every((s) => head.has(s.text) && !FIGURE.test(s.text))) k++;
  return next.slice(k);
}
