/**
 * Tables drawn with ruling lines: the lines that touch each other make a table; their positions
 * give the row and column boundaries; a boundary missing between two slots merges them into one
 * cell (rowspan/colspan); each text run goes to the cell under its middle.
 */
import { joinLines, type Line, toLines } from './lines';
import type { Ruling, TextRun } from './page';
import type { PdfTable, TableCell } from './table';

/** Lines this close (PDF units) are one line; boundaries this close are one boundary. */
const SAME = 1.5;
/** Two pieces of one border may leave a gap this wide (a corner, a dash). */
const GAP = 2.5;
/** Boundaries closer than this are one (a double border, a border drawn per cell with an offset). */
const MIN_SPAN = 3.5;

/** Merge rulings that lie on one line and touch or overlap. */
export function mergeRulings(rulings: Ruling[]): Ruling[] {
  const out: Ruling[] = [];
  for (const dir of ['h', 'v'] as const) {
    const list = rulings.filter((r) => r.dir === dir).sort((a, b) => a.at - b.at || a.from - b.from);
    const rows: Ruling[][] = [];
    for (const r of list) {
      const last = rows[rows.length - 1];
      if (last && Math.abs((last[0] as Ruling).at - r.at) <= SAME) last.push(r);
      else rows.push([r]);
    }
    for (const row of rows) {
      const at = row.reduce((s, r) => s + r.at, 0) / row.length;
      row.sort((a, b) => a.from - b.from);
      let cur: Ruling | null = null;
      for (const r of row) {
        if (cur && r.from <= cur.to + GAP) cur.to = Math.max(cur.to, r.to);
        else {
          cur = { dir, at, from: r.from, to: r.to };
          out.push(cur);
        }
      }
    }
  }
  return out;
}

const touches = (h: Ruling, v: Ruling): boolean => v.at >= h.from - GAP && v.at <= h.to + GAP && h.at >= v.from - GAP && h.at <= v.to + GAP;

/** Groups of rulings that touch one another: each group with lines both ways is a table's frame. */
export function frames(rulings: Ruling[]): Ruling[][] {
  const parent = rulings.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const hs = rulings.map((r, i) => [r, i] as const).filter(([r]) => r.dir === 'h');
  const vs = rulings.map((r, i) => [r, i] as const).filter(([r]) => r.dir === 'v');
  for (const [h, i] of hs) for (const [v, j] of vs) if (touches(h, v)) parent[find(i)] = find(j);
  const groups = new Map<number, Ruling[]>();
  rulings.forEach((r, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  });
  const all = [...groups.values()];
  // Lines both ways; a part of a table cut by page breaks above and below may keep only one across.
  const tables = all.filter((g) => {
    const h = g.filter((r) => r.dir === 'h').length;
    const v = g.length - h;
    return h >= 1 && v >= 2 && h + v >= 4;
  });
  // A lone vertical line beside a table, as tall as it: the border of a column whose cell a page
  // break cut (nothing crosses it on this page).
  const loose: Ruling[] = [];
  for (const g of all) {
    if (tables.includes(g) || g.length !== 1 || g[0]?.dir !== 'v') continue;
    const v = g[0];
    const host = tables.find((t) => {
      const hs = t.filter((r) => r.dir === 'h');
      const top = Math.max(...t.map((r) => (r.dir === 'h' ? r.at : r.to)));
      const bottom = Math.min(...t.map((r) => (r.dir === 'h' ? r.at : r.from)));
      const left = Math.min(...hs.map((r) => r.from));
      const overlap = Math.min(top, v.to) - Math.max(bottom, v.from);
      return overlap >= (v.to - v.from) * 0.8 && overlap >= (top - bottom) * 0.8 && v.at < left && left - v.at < 200;
    });
    if (host) host.push(v);
    else loose.push(v);
  }
  // Vertical lines alone, side by side over the same height: one row of a table so tall that it
  // fills a page (its top and bottom are on other pages).
  const bands: Ruling[][] = [];
  for (const v of loose.sort((a, b) => a.at - b.at)) {
    const band = bands.find((b) => {
      const w = b[0] as Ruling;
      const overlap = Math.min(w.to, v.to) - Math.max(w.from, v.from);
      return overlap >= (v.to - v.from) * 0.9 && overlap >= (w.to - w.from) * 0.9;
    });
    if (band) band.push(v);
    else bands.push([v]);
  }
  for (const band of bands) if (band.length >= 3 && (band[0] as Ruling).to - (band[0] as Ruling).from > 40) tables.push(band);
  return tables;
}

/** Positions closer than MIN_SPAN become one (their mean), sorted ascending. */
function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - (last[last.length - 1] as number) < MIN_SPAN) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

/** Is there a ruling at `at` (within MIN_SPAN) covering the middle of [from, to]? */
function drawn(lines: Ruling[], at: number, from: number, to: number): boolean {
  const mid = (from + to) / 2;
  const half = Math.max(0.5, (to - from) * 0.2);
  return lines.some((r) => Math.abs(r.at - at) < MIN_SPAN && r.from <= mid - half && r.to >= mid + half);
}

/** Split a run whose characters fall in several columns, giving each character an equal share of its width. */
function splitRun(run: TextRun, xs: number[]): TextRun[] {
  const end = run.x + run.w;
  if (!xs.some((x) => x > run.x + 0.5 && x < end - 0.5)) return [run];
  const chars = [...run.text];
  const w = run.w / chars.length;
  const out: TextRun[] = [];
  chars.forEach((ch, i) => {
    const x = run.x + i * w;
    const last = out[out.length - 1];
    const col = (v: number) => xs.filter((b) => b <= v).length;
    if (last && col(last.x + w / 2) === col(x + w / 2)) {
      last.text += ch;
      last.w += w;
    } else out.push({ ...run, text: ch, x, w });
  });
  return out;
}

/**
 * The room a cell's text had: its width less its padding, which is the smallest margin any of its
 * lines keeps on either side (left-aligned text shows it on the left, right-aligned on the right).
 */
function innerWidth(x0: number, x1: number, lines: Line[]): number {
  let pad = Number.POSITIVE_INFINITY;
  for (const l of lines) pad = Math.min(pad, l.x0 - x0, x1 - l.x1);
  return x1 - x0 - 2 * Math.max(0, Number.isFinite(pad) ? pad : 0);
}

/**
 * An edge column holding no text at all (a stray cell sticking out of one row, inside the table's
 * border) is not part of the table: the cells wholly in it go, and cells reaching into it end before it.
 */
function dropEmptyEdges(cells: TableCell[], xs: number[]): void {
  for (;;) {
    const last = xs.length - 2;
    if (last < 1) return;
    const inLast = cells.filter((c) => c.col + c.colspan - 1 === last);
    if (inLast.some((c) => c.text.trim() !== '') || !inLast.some((c) => c.col === last)) return;
    for (let i = cells.length - 1; i >= 0; i--) {
      const c = cells[i] as TableCell;
      if (c.col + c.colspan - 1 !== last) continue;
      if (c.col === last) cells.splice(i, 1);
      else {
        c.colspan--;
        c.box.w = (xs[last] as number) - c.box.x;
      }
    }
    xs.pop();
  }
}

/** Row boundaries of a frame, top to bottom (PDF heights grow upwards). */
function rowBoundaries(frame: Ruling[]): number[] {
  return cluster(frame.flatMap((r) => (r.dir === 'h' ? [r.at] : [r.from, r.to]))).reverse();
}

/**
 * Tables stacked without a gap touch and make one frame; where the frame's left edge moves from
 * one row to the next, or no inner line runs on across a row boundary, a new table starts.
 */
export function splitFrame(frame: Ruling[]): Ruling[][] {
  const ys = rowBoundaries(frame);
  const vs = frame.filter((r) => r.dir === 'v');
  const edges = ys.slice(1).map((y, i) => {
    const mid = ((ys[i] as number) + y) / 2;
    const at = vs.filter((v) => v.from < mid && v.to > mid).map((v) => v.at);
    return at.length ? [Math.min(...at), Math.max(...at)] : null;
  });
  const left = Math.min(...vs.map((v) => v.at));
  const right = Math.max(...vs.map((v) => v.at));
  const inner = vs.filter((v) => v.at - left > MIN_SPAN && right - v.at > MIN_SPAN);
  const cuts: number[] = [0];
  for (let i = 1; i < edges.length; i++) {
    const a = edges[i - 1];
    const b = edges[i];
    const y = ys[i] as number;
    // The left edge: a stray cell at the end of one row moves the right edge alone.
    if (a && b && Math.abs((a[0] as number) - (b[0] as number)) > MIN_SPAN) {
      cuts.push(i);
      continue;
    }
    // Tables of the same width stacked: inner lines end at the boundary from above and others
    // start there below, where the other side has none (within one table a row boundary only
    // ends lines, where cells below merge, or only starts them, where they split).
    const goesOn = (x: number, side: 'above' | 'below') =>
      inner.some(
        (v) =>
          Math.abs(v.at - x) < MIN_SPAN &&
          (side === 'above' ? v.to > y + MIN_SPAN && v.from < y + SAME : v.from < y - MIN_SPAN && v.to > y - SAME),
      );
    const ends = inner.filter((v) => Math.abs(v.from - y) <= SAME && !goesOn(v.at, 'below'));
    const starts = inner.filter((v) => Math.abs(v.to - y) <= SAME && !goesOn(v.at, 'above'));
    if (ends.length && starts.length) cuts.push(i);
  }
  if (cuts.length === 1) return [frame];
  cuts.push(edges.length);
  const parts: Ruling[][] = [];
  for (let k = 1; k < cuts.length; k++) {
    const top = ys[cuts[k - 1] as number] as number;
    const bottom = ys[cuts[k] as number] as number;
    const part: Ruling[] = [];
    for (const r of frame) {
      if (r.dir === 'v' && r.to > bottom + SAME && r.from < top - SAME)
        part.push({ ...r, from: Math.max(r.from, bottom), to: Math.min(r.to, top) });
    }
    // The line the parts share is as wide as the wider one: each keeps its own width of it.
    const left = Math.min(...part.map((r) => r.at));
    const right = Math.max(...part.map((r) => r.at));
    for (const r of frame) {
      if (r.dir !== 'h' || r.at > top + SAME || r.at < bottom - SAME) continue;
      const from = Math.max(r.from, left);
      const to = Math.min(r.to, right);
      if (to - from > MIN_SPAN) part.push({ ...r, from, to });
    }
    parts.push(part);
  }
  return parts;
}

/**
 * Rebuild the table a frame of rulings draws, placing the runs that fall inside it. Returns the
 * table and the runs it took; null for a frame of a single cell (a box around a paragraph).
 */
export function ruledTable(frame: Ruling[], runs: TextRun[], page: number): { table: PdfTable; used: Set<TextRun> } | null {
  const hs = frame.filter((r) => r.dir === 'h');
  const vs = frame.filter((r) => r.dir === 'v');
  const xs = cluster([...vs.map((r) => r.at), ...hs.flatMap((r) => [r.from, r.to])]);
  const ys = rowBoundaries(frame);
  const nCols = xs.length - 1;
  const nRows = ys.length - 1;
  if (nCols < 1 || nRows < 1 || nCols * nRows < 2) return null;

  const owner: (number | undefined)[][] = Array.from({ length: nRows }, () => new Array(nCols));
  // Slots a row reaches from the frame's left or right edge without crossing a drawn line lie
  // outside the table (a stray cell sticking out of one row leaves the others' ends open).
  const OUTSIDE = -1;
  for (let r = 0; r < nRows; r++) {
    const yTop = ys[r] as number;
    const yBot = ys[r + 1] as number;
    const row = owner[r] as (number | undefined)[];
    for (let c = nCols - 1; c >= 0 && !drawn(vs, xs[c + 1] as number, yBot, yTop); c--) row[c] = OUTSIDE;
    for (let c = 0; c < nCols && row[c] === undefined && !drawn(vs, xs[c] as number, yBot, yTop); c++) row[c] = OUTSIDE;
  }
  const cells: TableCell[] = [];
  const top = ys[0] as number;
  const x0 = xs[0] as number;
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (owner[r]?.[c] !== undefined) continue;
      const yTop = ys[r] as number;
      const yBot = ys[r + 1] as number;
      let cs = 1;
      while (c + cs < nCols && owner[r]?.[c + cs] === undefined && !drawn(vs, xs[c + cs] as number, yBot, yTop)) cs++;
      let rs = 1;
      const open = (rr: number) => {
        for (let k = c; k < c + cs; k++) {
          if (owner[rr]?.[k] !== undefined) return false;
          if (drawn(hs, ys[rr] as number, xs[k] as number, xs[k + 1] as number)) return false;
        }
        return true;
      };
      while (r + rs < nRows && open(r + rs)) rs++;
      const index = cells.length;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) (owner[r + dr] as (number | undefined)[])[c + dc] = index;
      const bx = xs[c] as number;
      const by = ys[r + rs] as number;
      cells.push({
        row: r,
        col: c,
        rowspan: rs,
        colspan: cs,
        text: '',
        page,
        box: { x: bx, y: by, w: (xs[c + cs] as number) - bx, h: yTop - by },
      });
    }
  }

  // Runs under the frame, split where they cross a column boundary, go to the slot under their middle.
  const bottom = ys[nRows] as number;
  const x1 = xs[nCols] as number;
  const used = new Set<TextRun>();
  const byCell = new Map<number, TextRun[]>();
  for (const run of runs) {
    const midY = run.y + run.size * 0.35;
    // A cell cut by a page break may show a line of its text just past the frame's edge.
    const past = Math.max(midY - top, bottom - midY);
    if (past > run.size * 1.2 || run.x + run.w / 2 < x0 || run.x + run.w / 2 > x1) continue;
    if (past > 0 && runs.some((o) => o !== run && Math.abs(o.y - run.y) < 1 && (o.x + o.w / 2 < x0 || o.x + o.w / 2 > x1))) continue;
    used.add(run);
    const r = midY <= bottom ? nRows - 1 : Math.max(0, ys.findIndex((y, i) => i > 0 && midY >= y) - 1);
    for (const piece of splitRun(run, xs)) {
      const mid = piece.x + piece.w / 2;
      const c = xs.findIndex((x, i) => i > 0 && mid <= x) - 1;
      const index = owner[r]?.[Math.max(0, c)];
      if (index === undefined || index === OUTSIDE) continue;
      byCell.set(index, [...(byCell.get(index) ?? []), piece]);
    }
  }
  for (const [index, list] of byCell) {
    const cell = cells[index] as TableCell;
    const lines = toLines(list);
    const inner = innerWidth(cell.box.x, cell.box.x + cell.box.w, lines);
    cell.text = joinLines(lines, (l) => inner - (l.x1 - l.x0));
  }
  dropEmptyEdges(cells, xs);
  const open = (y: number) => xs.slice(1).map((x, c) => !drawn(hs, y, xs[c] as number, x));
  return {
    table: { page, lastPage: page, xs, top, bottom, rows: nRows, cells, ruled: true, openTop: open(top), openBottom: open(bottom) },
    used,
  };
}
