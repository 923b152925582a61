import { type Grid, type GridCell, rowCells, spannedKeys } from '../grid/grid';
import { findDef, labelOf, T3_COLUMNS, T3_GROUPS, T3_ROWS } from '../record/labels';
import type { Cell, CellTable } from '../record/schema';
import { ROWS_PER_STEP, type Steps } from '../steps';
import { labelCore, norm, squash } from '../text/normalize';
import { type Band, isCaption } from './bands';
import { cellSignal, MAX_LABEL } from './classify';
import type { ReadContext } from './context';

const TABLE = 'applications' as const;

/** Column layout of a 表三 part: the key of each grid column (null for label columns), or an extra label. */
interface Columns {
  keys: (string | null)[];
  firstData: number;
  /** Extra (non-template) columns: grid column → page label. */
  extraLabels: Map<number, string>;
  /** How wide the data rows read by this layout are (a stray header cell can make the header wider). */
  dataWidth?: number;
}

/** The rows a label can name (「其他」 alone is told by its group). */
const NAMED_ROWS = T3_ROWS.filter((d) => d.key !== 'otherHandling.other');
/** Every template label has a Han character: a figure or a blank is not one, without trying them all. */
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Match a row's label cells (outermost first) to a row key, using the group for 「其他」: the row's own
 * group cell, else `groupHint` (the group of the row above, when a page break cut the group's cell).
 */
export function matchRow(labels: string[], groupHint?: string): string | null {
  if (!HAN.test(labels[labels.length - 1] ?? '')) return null;
  const cores = labels.map(labelCore);
  const inner = cores[cores.length - 1] ?? '';
  const group = cores
    .slice(0, -1)
    .map((c) => T3_GROUPS.find((g) => g.match.test(c))?.key)
    .find(Boolean);
  if (inner === '其他') return (group ?? groupHint) === 'otherHandling' ? 'otherHandling.other' : null;
  const def = findDef(NAMED_ROWS, inner);
  if (!def) return null;
  // An item of one group must not sit under another group's header.
  const dot = def.key.indexOf('.');
  if (dot > 0 && group && group !== def.key.slice(0, dot)) return null;
  return def.key;
}

/**
 * A data row names a template row (「3.其他」 by the group of the row above, `groupHint`). A row of
 * column headers (自然人, 商业企业, the 勾稽 note) names none, whatever else it holds (其他, 总计); and
 * 「总计」 or 「其他」 alone name a row only beside figures or blanks.
 */
function isDataRow(grid: Grid, r: number, groupHint?: string): boolean {
  const cells = rowCells(grid, r);
  const signals = cells.map((c) => cellSignal(c.text));
  if (signals.some((s) => typeof s !== 'string' && s.kind === 'applications' && s.header)) return false;
  return cells.some((c) => {
    if (c.text.length > MAX_LABEL * 2) return false;
    const key = matchRow([c.text], groupHint);
    if (key === null) return false;
    if (key !== 'totalProcessed' && key !== 'otherHandling.other') return true;
    return signals.some((s, i) => cells[i] !== c && s === 'neutral');
  });
}

/** A header row of a band, with its grid and the band's width (a header may run over two `<table>`s of one width). */
interface HeaderRow {
  grid: Grid;
  r: number;
  width: number;
}

/** Read header rows into a column layout, or null when they name fewer than two columns. */
function readHeader(rows: HeaderRow[], width: number): Columns | null {
  const keys: (string | null)[] = [];
  const extraLabels = new Map<number, string>();
  let found = 0;
  for (let c = 0; c < width; c++) {
    const chain: GridCell[] = [];
    for (const { grid, r } of rows) {
      const cell = grid.slots[r]?.[c];
      if (cell && chain[chain.length - 1] !== cell) chain.push(cell);
    }
    let key: string | null = null;
    for (let i = chain.length - 1; i >= 0 && key === null; i--) {
      key = findDef(T3_COLUMNS, labelCore((chain[i] as GridCell).text))?.key ?? null;
    }
    if (key) found++;
    keys.push(key);
    // The innermost cell with words names an extra column (a continuation's empty cell under a rowspan names nothing).
    const leaf = [...chain].reverse().find((x) => labelCore(x.text) !== '');
    const leafText = leaf ? labelCore(leaf.text) : '';
    if (!key && leaf && leafText && !leafText.includes('勾稽') && leafText !== '申请人情况') {
      extraLabels.set(c, squash(leaf.text));
    }
  }
  if (found < 2) return null;
  const firstData = keys.findIndex((k) => k !== null);
  for (const c of [...extraLabels.keys()]) if (c < firstData) extraLabels.delete(c);
  return { keys, firstData, extraLabels };
}

/** A part's own header over the previous layout of the same width: its columns, and the previous where it names none. */
function over(own: Columns, prev: Columns | null): Columns {
  if (!prev || prev.keys.length !== own.keys.length || own.keys.every((k, c) => k !== null || prev.keys[c] === null)) return own;
  const keys = own.keys.map((k, c) => k ?? (own.extraLabels.has(c) ? null : prev.keys[c]) ?? null);
  return { keys, firstData: keys.findIndex((k) => k !== null), extraLabels: own.extraLabels };
}

/**
 * Without a header (a continuation after a page break), reuse the previous part's layout. Data rows
 * as wide as the previous part's have its columns; otherwise their label cells are fewer or more
 * (labels not repeated, or split over more cells) and their value columns, the rightmost, are the
 * previous part's.
 */
function inherit(prev: Columns, width: number): Columns {
  const shift = width - (prev.dataWidth ?? valueExtent(prev));
  if (shift === 0) return prev;
  const keys: (string | null)[] = new Array(width).fill(null);
  prev.keys.forEach((k, c) => {
    if (c >= prev.firstData && c + shift >= 0 && c + shift < width) keys[c + shift] = k;
  });
  const extraLabels = new Map<number, string>();
  for (const [c, l] of prev.extraLabels) extraLabels.set(c + shift, l);
  return { keys, firstData: Math.max(0, prev.firstData + shift), extraLabels, dataWidth: width };
}

/**
 * How far a layout read from header rows alone reaches: to its last named column. A trailing header
 * cell naming nothing (a stray blank cell Word leaves after 总计) heads no data, so a part of data
 * rows after a header-only part is not taken as one column short of it.
 */
function valueExtent(cols: Columns): number {
  let last = -1;
  cols.keys.forEach((k, c) => {
    if (k !== null || cols.extraLabels.has(c)) last = c;
  });
  return last + 1;
}

/**
 * The widest of rows `from` to `to`, rows of one cell (captions) and rows of blank cells only aside
 * (Word's column-width row, `<tr height=0>`, has a cell for every column of its table's grid, which
 * a part keeps one column wider than its data when its header had a stray cell).
 */
function rowsWidth(grid: Grid, from: number, to: number): number {
  let width = 0;
  for (let r = from; r < to; r++) {
    const cells = rowCells(grid, r);
    if (cells.length > 1 && cells.some((c) => norm(c.text) !== '')) width = Math.max(width, grid.slots[r]?.length ?? 0);
  }
  return width;
}

/**
 * A part's header rows continue the header rows of the part before (a header-only part): always at
 * the same width; at another width (a stray cell after 总计 widens one header row, so a header cut
 * between its rows is 10 columns above and 11 below) when the part's own header rows do not name
 * every column (the rest of a cut header, not a whole header repeated).
 */
function continues(pending: HeaderRow[], heads: HeaderRow[], width: number): boolean {
  if (pending.length === 0) return false;
  if (pending[0]?.width === width) return true;
  if (heads.length === 0) return false;
  const own = readHeader(heads, width);
  return !own || new Set(own.keys.filter((k) => k !== null)).size < T3_COLUMNS.length;
}

/**
 * Read 表三 from its bands in page order (a table split over several `<table>` elements, or sharing
 * one with 表二 and 表四), mapping rows and columns by their labels. A part that is all header (a
 * page break inside or right after the header) is continued by the next part's header rows; a part
 * without header takes the previous layout. Rows or columns the template lacks go to extras.
 */
export function* readApplications(bands: Band[], ctx: ReadContext): Steps<CellTable | undefined> {
  const table: CellTable = {};
  let layout: Columns | null = null;
  /** Header rows of parts without data, which the next part's header continues. */
  let pending: HeaderRow[] = [];
  /** The group of the last row read: a continuation's 「3.其他」 without its group cell is still （六）'s. */
  let lastGroup: string | undefined;
  const extraRows: { label: string; cells: Record<string, Cell> }[] = [];
  const extraCols = new Map<string, Record<string, Cell>>();
  const relabelled = new Map<string, string>();

  for (const band of bands) {
    const { grid } = band;
    let first = band.from;
    while (first < band.to && !isDataRow(grid, first, lastGroup)) first++;
    const heads: HeaderRow[] = [];
    for (let r = band.from; r < first; r++) if (!isCaption(band, r)) heads.push({ grid, r, width: band.width });
    const stacked = continues(pending, heads, band.width) ? [...pending, ...heads] : heads;
    if (first === band.to) {
      // A part of nothing but blanks (a layout table around the next part) changes nothing.
      if (heads.every(({ r }) => rowCells(grid, r).every((c) => norm(c.text) === ''))) continue;
      // A page break right after (or inside) the header: the next part holds the data.
      pending = stacked;
      const own = readHeader(stacked, band.width);
      if (own) {
        layout = over(own, layout);
        ctx.use(grid.table);
      }
      continue;
    }
    pending = [];
    const own = stacked.length ? readHeader(stacked, band.width) : null;
    if (own) {
      layout = over(own, layout);
      collectColumnLabels(stacked, layout, relabelled);
    } else if (layout) layout = inherit(layout, rowsWidth(grid, first, band.to));
    if (!layout) continue;
    layout.dataWidth ??= rowsWidth(grid, first, band.to);
    const cols: Columns = layout;
    yield;

    for (let r = first; r < band.to; r++) {
      if ((r - first) % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
      if (isCaption(band, r)) continue;
      const cells = rowCells(grid, r);
      const labelCells = cells.filter((c) => c.col < cols.firstData);
      const labels = labelCells.map((c) => c.text).filter((t) => norm(t) !== '');
      if (labels.length === 0 && cells.every((c) => norm(c.text) === '')) continue;
      const key = labels.length && labels.every((l) => norm(l).length <= MAX_LABEL) ? matchRow(labels, lastGroup) : null;
      if (key) lastGroup = groupOf(key);
      const values: Record<string, Cell> = {};
      const extraValues = new Map<string, Cell>();
      const rowLabel = key ? labelOf(T3_ROWS, key) : squash(labels.join(' / '));
      for (let c = cols.firstData; c < band.width; c++) {
        const g = grid.slots[r]?.[c];
        // A cell is read at its first column (always its own slot); the rest of its span is passed.
        if (!g || g.col !== c) continue;
        const colKey = cols.keys[g.col] ?? null;
        if (colKey) {
          const prev = values[colKey];
          if (prev && prev.kind !== 'blank') continue;
          const cell = ctx.read(g, grid.table, `${rowLabel} / ${labelOf(T3_COLUMNS, colKey)}`);
          values[colKey] = cell;
          if (!key) continue;
          const spanned = spannedKeys(cols.keys, g).filter((k) => k !== colKey && !values[k]);
          if (spanned.length === 0) continue;
          const ref = (column: string) => ({ table: TABLE, row: key, column });
          const merged = ctx.mergedInto(
            { ref: ref(colKey), label: labelOf(T3_COLUMNS, colKey) },
            spanned.map((k) => ({ ref: ref(k), label: labelOf(T3_COLUMNS, k), cellLabel: `${rowLabel} / ${labelOf(T3_COLUMNS, k)}` })),
            cell.at,
          );
          for (const k of spanned) values[k] = merged[k] as Cell;
        } else {
          const colLabel = cols.extraLabels.get(g.col) ?? `第${g.col + 1}列`;
          extraValues.set(colLabel, ctx.read(g, grid.table, `${rowLabel} / ${colLabel}`));
        }
      }
      if (key && !table[key]) {
        table[key] = values;
        const page = squash(labels[labels.length - 1] ?? '');
        if (labelCore(page) !== labelCore(labelOf(T3_ROWS, key))) relabelled.set(`row:${key}`, page);
        for (const [colLabel, cell] of extraValues) {
          const col = extraCols.get(colLabel) ?? {};
          col[key] = cell;
          extraCols.set(colLabel, col);
        }
      } else if (key) {
        ctx.issue(TABLE, { kind: 'duplicate', what: 'row', key, label: labelOf(T3_ROWS, key) });
      } else if (Object.keys(values).length || extraValues.size) {
        const all: Record<string, Cell> = values;
        for (const [l, cell] of extraValues) all[l] = cell;
        extraRows.push({ label: squash(labels.join(' / ')) || `第${r + 1}行`, cells: all });
      }
    }
  }
  if (Object.keys(table).length === 0) return undefined;

  for (const row of extraRows) {
    ctx.extras.push({ table: TABLE, kind: 'row', label: row.label, cells: row.cells });
    ctx.issue(TABLE, { kind: 'extra', what: 'row', label: row.label });
  }
  for (const [label, cells] of extraCols) {
    ctx.extras.push({ table: TABLE, kind: 'column', label, cells });
    ctx.issue(TABLE, { kind: 'extra', what: 'column', label });
  }
  for (const [k, found] of relabelled) {
    const [what, key] = k.split(':') as ['row' | 'column', string];
    const label = what === 'row' ? labelOf(T3_ROWS, key) : labelOf(T3_COLUMNS, key);
    ctx.issue(TABLE, { kind: 'relabelled', what, key, label, found });
  }
  return table;
}

/** The group a row key belongs to (withheld.stateSecret → withheld; otherHandling → otherHandling). */
function groupOf(key: string): string | undefined {
  const dot = key.indexOf('.');
  if (dot > 0) return key.slice(0, dot);
  return T3_GROUPS.some((g) => g.key === key) ? key : undefined;
}

function collectColumnLabels(rows: HeaderRow[], layout: Columns, out: Map<string, string>): void {
  for (let c = layout.firstData; c < layout.keys.length; c++) {
    const key = layout.keys[c];
    if (!key || out.has(`column:${key}`)) continue;
    for (let i = rows.length - 1; i >= 0; i--) {
      const { grid, r } = rows[i] as HeaderRow;
      const cell = grid.slots[r]?.[c];
      if (!cell) continue;
      const def = T3_COLUMNS.find((d) => d.key === key);
      if (def?.match.test(labelCore(cell.text))) {
        if (labelCore(cell.text) !== labelCore(def.label)) out.set(`column:${key}`, squash(cell.text));
        break;
      }
    }
  }
}
