import { BOXED_TABLE, readBox } from '../grid/box';
import type { Grid, GridCell } from '../grid/grid';
import type { Cell, CellRef, Extra, ReportRecord, TableKey } from '../record/schema';
import { parseCell } from '../text/cell';
import { toSimplified } from '../text/t2s';

/** A difference between the page's labels and the template's (format.labels). */
export interface LabelIssue {
  kind: 'missing' | 'extra' | 'relabelled' | 'duplicate' | 'positional' | 'merged';
  what: 'row' | 'column';
  key?: string;
  /** The template's label (missing, relabelled) or the page's (extra). */
  label: string;
  found?: string;
}

/** What reading the tables accumulates: cells (each with its place in its table's grid), extras, label issues. */
export class ReadContext {
  readonly extras: Extra[] = [];
  readonly issues: Record<TableKey, LabelIssue[]> = {
    activeDisclosure: [],
    applications: [],
    reviewLitigation: [],
  };
  cellsRead = 0;
  /** The `<table>`s a standard table was read from: its cells, or the header its cells were read by. */
  readonly used = new Set<Element>();
  /** The table last read from and its index: cells are read table by table. */
  private last: Element | null = null;
  private lastIndex = -1;
  /** The table last read from was rebuilt from a PDF: its cells carry their page and box. */
  private boxed = false;

  constructor(private readonly tableIndex: (table: Element) => number) {}

  /** Parse a grid cell into a record cell, remembering where it came from. */
  read(g: GridCell, table: Element, label?: string): Cell {
    this.cellsRead++;
    let cell = parseCell(g.text);
    // Words in a cell in traditional characters (386.5萬元) read as the same words in simplified ones; `raw` stays as shown.
    if (cell.kind === 'text') {
      const simplified = toSimplified(g.text);
      if (simplified !== g.text) cell = { ...parseCell(simplified), raw: cell.raw };
    }
    if (label) cell.label = label;
    if (table !== this.last) {
      this.last = table;
      this.lastIndex = this.tableIndex(table);
      this.boxed = table.hasAttribute(BOXED_TABLE);
      this.used.add(table);
    }
    cell.at = { table: this.lastIndex, row: g.row, col: g.col };
    const box = this.boxed ? readBox(g.el) : undefined;
    if (box) cell.box = box;
    return cell;
  }

  /**
   * A value cell spanning several template columns: its value belongs to the first; the others get a
   * blank cell (so sums run, with those cells listed as assumed zero) at the same place (`at`), so at
   * the same element.
   */
  mergedInto(
    first: { ref: CellRef; label: string },
    others: { ref: CellRef; label: string; cellLabel: string }[],
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

  /** A table whose header a standard table was read by. */
  use(table: Element): void {
    this.used.add(table);
  }

  issue(table: TableKey, issue: LabelIssue): void {
    this.issues[table].push(issue);
  }
}

/** The part of `Map<string, Element>` the reader uses to find a cell's element by its `refKey`. */
export interface ElementMap {
  get(key: string): Element | undefined;
  has(key: string): boolean;
  set(key: string, el: Element): unknown;
  delete(key: string): unknown;
}

/**
 * The element behind every cell of a record, keyed by `refKey`. Nothing is kept per cell: a cell's
 * `at` (its table and grid slot) leads to the element in the grids read, so reading the tables costs
 * no map of them. Elements found again after the page changed (`set`) or lost (`delete`) are kept aside.
 */
export class CellElements implements ElementMap {
  private readonly found = new Map<string, Element | null>();

  constructor(
    private readonly tables: ReportRecord['tables'] = {},
    /** The grids read, by the table's index among the document's tables (a cell's `at.table`). */
    private readonly grids: ReadonlyMap<number, Grid> = new Map(),
  ) {}

  get(key: string): Element | undefined {
    const found = this.found.get(key);
    if (found !== undefined) return found ?? undefined;
    const [table, row, column] = key.split('|') as [TableKey, string, string];
    const at = own(own(own(this.tables, table), row), column)?.at;
    return at ? this.grids.get(at.table)?.slots[at.row]?.[at.col]?.el : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, el: Element): this {
    this.found.set(key, el);
    return this;
  }

  delete(key: string): boolean {
    const had = this.has(key);
    this.found.set(key, null);
    return had;
  }
}

/** An object's own property (a key read from outside never reaches its prototype). */
function own<T>(o: Record<string, T> | undefined, key: string): T | undefined {
  return o && Object.hasOwn(o, key) ? o[key] : undefined;
}

export function refKey(ref: CellRef): string {
  return `${ref.table}|${ref.row}|${ref.column}`;
}

export function extraKey(index: number, key: string): string {
  return `extras|${index}|${key}`;
}
