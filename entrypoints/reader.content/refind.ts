/**
 * Finding a cell again after the page changed, cheapest locator first, each checked against the
 * text the record holds: the live element; then the same grid position of the same n-th table.
 * (The robust locator, by the table's own row and column labels, is a fresh `analyze` of the page,
 * which the guest runs when the page's tables change.)
 */
import { buildGrid, type Cell, type CellRef, type ElementMap, parseCell, type ReportRecord, refKey } from '@/lib';

/** The cell at the same grid position of the same n-th table, if it still shows the same text. */
export function byPosition(doc: Document, cell: Cell): Element | null {
  if (!cell.at) return null;
  const table = doc.getElementsByTagName('table')[cell.at.table];
  if (!table) return null;
  const slot = buildGrid(table).slots[cell.at.row]?.[cell.at.col];
  if (!slot || slot.row !== cell.at.row || slot.col !== cell.at.col) return null;
  return parseCell(slot.text).raw === cell.raw ? slot.el : null;
}

/** A resolver over a record and its element map: keeps the map up to date as cells are found again. */
export function resolver(doc: Document, record: ReportRecord, elements: ElementMap) {
  return (ref: CellRef): Element | null => {
    const key = refKey(ref);
    const el = elements.get(key);
    if (el?.isConnected) return el;
    const cell = record.tables[ref.table]?.[ref.row]?.[ref.column];
    if (!cell) return null;
    const found = byPosition(doc, cell);
    if (found) elements.set(key, found);
    else elements.delete(key);
    return found;
  };
}
