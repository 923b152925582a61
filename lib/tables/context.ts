import type { GridCell } from '../grid/grid';
import type { Cell, CellRef, Extra, TableKey } from '../record/schema';
import { parseCell } from '../text/cell';

/** A difference between the page's labels and the template's (format.labels). */
export interface LabelIssue {
  kind: 'missing' | 'extra' | 'relabelled' | 'duplicate' | 'positional' | 'merged';
  what: 'row' | 'column';
  key?: string;
  /** The template's label (missing, relabelled) or the page's (extra). */
  label: string;
  found?: string;
}

/** What reading the tables accumulates: cells, the pointer from every cell back to its element, extras. */
export class ReadContext {
  readonly elements = new Map<string, Element>();
  readonly extras: Extra[] = [];
  readonly issues: Record<TableKey, LabelIssue[]> = {
    activeDisclosure: [],
    applications: [],
    reviewLitigation: [],
  };
  cellsRead = 0;

  constructor(private readonly tableIndex: (table: Element) => number) {}

  /** Parse a grid cell into a record cell, remembering where it came from. */
  read(g: GridCell, table: Element, label?: string): Cell {
    this.cellsRead++;
    const cell = parseCell(g.text);
    if (label) cell.label = label;
    cell.at = { table: this.tableIndex(table), row: g.row, col: g.col };
    return cell;
  }

  /**
   * A value cell spanning several template columns: its value belongs to the first; the others get a
   * blank cell (so sums run, with those cells listed as assumed zero) pointing at the same element.
   */
  mergedInto(
    first: { ref: CellRef; label: string },
    others: { ref: CellRef; label: string; cellLabel: string }[],
    el: Element,
    at: Cell['at'],
  ): Record<string, Cell> {
    const out: Record<string, Cell> = {};
    for (const o of others) {
      out[o.ref.column] = {
        value: null,
        raw: '',
        kind: 'blank',
        label: o.cellLabel,
        notes: [`与「${first.label}」合并为一格，按空白计`],
        ...(at ? { at } : {}),
      };
      this.place(o.ref, el);
    }
    if (others.length) {
      this.issue(first.ref.table, {
        kind: 'merged',
        what: 'column',
        key: `${first.ref.row}.${first.ref.column}`,
        label: [first.label, ...others.map((o) => o.label)].join('」「'),
      });
    }
    return out;
  }

  place(ref: CellRef, el: Element): void {
    this.elements.set(refKey(ref), el);
  }

  issue(table: TableKey, issue: LabelIssue): void {
    this.issues[table].push(issue);
  }
}

export function refKey(ref: CellRef): string {
  return `${ref.table}|${ref.row}|${ref.column}`;
}

export function extraKey(index: number, key: string): string {
  return `extras|${index}|${key}`;
}
