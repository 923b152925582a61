/** Tables drawn without ruling lines, told by the alignment of their text (see alignedTables). */
import type { Line } from './lines';
import type { PdfTable } from './table';

export function alignedTables(_lines: Line[], _page: number): { tables: PdfTable[]; used: Set<Line> } {
  return { tables: [], used: new Set() };
}
