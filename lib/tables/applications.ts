import { type Grid, type GridCell, rowCells, spannedKeys } from '../grid/grid';
import type { Cell, CellTable } from '../record/schema';
import { ROWS_PER_STEP, type Steps } from '../steps';
import { parseCell } from '../text/cell';
import { labelCore, norm, squash } from '../text/normalize';
import { MAX_LABEL } from './classify';
import type { ReadContext } from './context';
import { findDef, labelOf, T3_COLUMNS, T3_GROUPS, T3_ROWS } from './labels';

const TABLE = 'applications' as const;

/** Column layout of a 表三 part: the key of each grid column (null for label columns), or an extra label. */
interface Columns {
  keys: (string | null)[];
  firstData: number;
  /** Extra (non-template) columns: grid column → page label. */
  extraLabels: Map<number, string>;
}

/** The rows a label can name (「其他」 alone is told by its group). */
const NAMED_ROWS = T3_ROWS.filter((d) => d.key !== 'otherHandling.other');
/** Every template label has a Han character: a figure or a blank is not one, without trying them all. */
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Match a row's label cells (outermost first) to a row key, using the group for 「其他」. */
export function matchRow(labels: string[]): string | null {
  if (!HAN.test(labels[labels.length - 1] ?? '')) return null;
  const cores = labels.map(labelCore);
  const inner = cores[cores.length - 1] ?? '';
  const group = cores
    .slice(0, -1)
    .map((c) => T3_GROUPS.find((g) => g.match.test(c))?.key)
    .find(Boolean);
  if (inner === '其他') return group === 'otherHandling' ? 'otherHandling.other' : null;
  const def = findDef(NAMED_ROWS, inner);
  if (!def) return null;
  // An item of one group must not sit under another group's header.
  const dot = def.key.indexOf('.');
  if (dot > 0 && group && group !== def.key.slice(0, dot)) return null;
  return def.key;
}

/** A data row names a template row; 「总计」 alone does not count, as the 总计 column header says it too. */
function isDataRow(grid: Grid, r: number): boolean {
  return rowCells(grid, r).some((c) => {
    if (c.text.length > MAX_LABEL * 2) return false;
    const key = matchRow([c.text]);
    return key !== null && key !== 'totalProcessed';
  });
}

/** Read the header rows above the first data row into a column layout, or null when there is no header. */
function readHeader(grid: Grid, headerRows: number): Columns | null {
  const keys: (string | null)[] = [];
  const extraLabels = new Map<number, string>();
  let found = 0;
  for (let c = 0; c < grid.width; c++) {
    const chain: GridCell[] = [];
    for (let r = 0; r < headerRows; r++) {
      const cell = grid.slots[r]?.[c];
      if (cell && chain[chain.length - 1] !== cell) chain.push(cell);
    }
    let key: string | null = null;
    for (let i = chain.length - 1; i >= 0 && key === null; i--) {
      key = findDef(T3_COLUMNS, labelCore((chain[i] as GridCell).text))?.key ?? null;
    }
    if (key) found++;
    keys.push(key);
    const leaf = chain[chain.length - 1];
    const leafText = leaf ? norm(leaf.text) : '';
    if (!key && leaf && leafText && !leafText.includes('勾稽') && leafText !== '申请人情况') {
      extraLabels.set(c, squash(leaf.text));
    }
  }
  if (found < 2) return null;
  const firstData = keys.findIndex((k) => k !== null);
  for (const c of [...extraLabels.keys()]) if (c < firstData) extraLabels.delete(c);
  return { keys, firstData, extraLabels };
}

/**
 * Without a header (a continuation after a page break), reuse the previous part's layout: its data
 * columns, in order, start where this part's row labels end.
 */
function inherit(prev: Columns, grid: Grid, firstRow: number): Columns {
  const cells = rowCells(grid, firstRow);
  const firstValue = cells.find((c, i) => i > 0 && parseCell(c.text).kind !== 'text');
  const firstData = firstValue ? firstValue.col : prev.firstData;
  const shift = firstData - prev.firstData;
  if (shift === 0) return prev;
  const keys: (string | null)[] = new Array(grid.width).fill(null);
  prev.keys.forEach((k, c) => {
    if (c >= prev.firstData && c + shift < grid.width) keys[c + shift] = k;
  });
  const extraLabels = new Map<number, string>();
  for (const [c, l] of prev.extraLabels) extraLabels.set(c + shift, l);
  return { keys, firstData, extraLabels };
}

/**
 * Read 表三 from one or more grids (a table split over several `<table>` elements by page breaks),
 * mapping rows and columns by their labels. Rows or columns the template lacks go to extras.
 */
export function* readApplications(grids: Grid[], ctx: ReadContext): Steps<CellTable | undefined> {
  const table: CellTable = {};
  let layout: Columns | null = null;
  const extraRows: { label: string; cells: Record<string, Cell> }[] = [];
  const extraCols = new Map<string, Record<string, Cell>>();
  const relabelled = new Map<string, string>();

  for (const grid of grids) {
    let first = 0;
    while (first < grid.slots.length && !isDataRow(grid, first)) first++;
    if (first === grid.slots.length) {
      // A page break right after the header: this part is all header, the next parts are data.
      layout = readHeader(grid, grid.slots.length) ?? layout;
      continue;
    }
    const own = first > 0 ? readHeader(grid, first) : null;
    if (own) {
      layout = own;
      collectColumnLabels(grid, first, own, relabelled);
    } else if (layout) layout = inherit(layout, grid, first);
    if (!layout) continue;
    const cols: Columns = layout;
    yield;

    for (let r = first; r < grid.slots.length; r++) {
      if ((r - first) % ROWS_PER_STEP === ROWS_PER_STEP - 1) yield;
      const cells = rowCells(grid, r);
      const labelCells = cells.filter((c) => c.col < cols.firstData);
      const labels = labelCells.map((c) => c.text).filter((t) => norm(t) !== '');
      if (labels.length === 0 && cells.every((c) => norm(c.text) === '')) continue;
      const key = labels.length && labels.every((l) => norm(l).length <= MAX_LABEL) ? matchRow(labels) : null;
      const values: Record<string, Cell> = {};
      const extraValues = new Map<string, Cell>();
      const rowLabel = key ? labelOf(T3_ROWS, key) : squash(labels.join(' / '));
      for (let c = cols.firstData; c < grid.width; c++) {
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

function collectColumnLabels(grid: Grid, headerRows: number, layout: Columns, out: Map<string, string>): void {
  for (let c = layout.firstData; c < grid.width; c++) {
    const key = layout.keys[c];
    if (!key || out.has(`column:${key}`)) continue;
    for (let r = headerRows - 1; r >= 0; r--) {
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
