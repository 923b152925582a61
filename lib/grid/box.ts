/**
 * Where a cell read from a PDF stands (page and box in PDF units), carried on its `<td>` from the
 * PDF reader to the record: `data-pdf-box="page x y w h"` on cells of a table marked `data-pdf`.
 */
import type { Cell } from '../record/schema';

/** The attribute marking a table rebuilt from a PDF (so an HTML page's cells are never asked for a box). */
export const BOXED_TABLE = 'data-pdf';
const ATTR = 'data-pdf-box';

export type CellBox = NonNullable<Cell['box']>;

const round = (v: number) => Math.round(v * 100) / 100;

export function writeBox(el: Element, box: CellBox): void {
  el.setAttribute(ATTR, [box.page, box.x, box.y, box.w, box.h].map(round).join(' '));
}

export function readBox(el: Element): CellBox | undefined {
  const v = el.getAttribute(ATTR)?.split(' ').map(Number);
  if (v?.length !== 5 || v.some((n) => !Number.isFinite(n))) return undefined;
  const [page, x, y, w, h] = v as [number, number, number, number, number];
  if (page < 1 || w < 0 || h < 0) return undefined;
  return { page, x, y, w, h };
}
