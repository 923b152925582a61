/**
 * Re-shapings a Word, WPS or CMS export can give a report page, done on its DOM (for the metamorphic
 * tests): a table split at a row (rowspans cut, the header repeated or not, a 续表 line), adjacent
 * tables merged into one, tables wrapped in layout tables, the text converted by OpenCC, units,
 * footnote marks and invisible or ideographic spaces in labels, full-width digits and thousands
 * separators in figures. Each takes its choices from a seeded generator.
 */
import { buildGrid, type GridCell } from '../../lib/grid/grid';

/** A small seeded generator (mulberry32): the same seed, the same choices. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;

/** The rows of a table in the order its grid lays them out (thead, bodies, tfoot). */
function gridRows(table: Element): Element[] {
  const groups = Array.from(table.children);
  const rowsOf = (g: Element): Element[] => (g.tagName === 'TR' ? [g] : Array.from(g.children).filter((c) => c.tagName === 'TR'));
  const head = groups.filter((g) => g.tagName === 'THEAD').flatMap(rowsOf);
  const foot = groups.filter((g) => g.tagName === 'TFOOT').flatMap(rowsOf);
  const body = groups.filter((g) => g.tagName === 'TBODY' || g.tagName === 'TR').flatMap(rowsOf);
  return [...head, ...body, ...foot];
}

function setSpan(el: Element, name: 'rowspan' | 'colspan', n: number): void {
  if (n > 1) el.setAttribute(name, String(n));
  else el.removeAttribute(name);
}

export interface SplitOptions {
  /** How many of the table's first rows to repeat atop the second part (0: none). */
  repeatHeader: number;
  /** A cell cut by the split goes on blank (WPS) or with its text repeated (the seed 004 pages). */
  continuation: 'blank' | 'repeat';
  /** A 续表 line: none, a full-width first row, or a paragraph between the parts. */
  xu: 'none' | 'row' | 'paragraph';
}

/**
 * Split a table before grid row `k`: the rows from `k` on go to a new table right after it. Null
 * when the page hides some of its rows (the grid leaves them out, so its rows are not the tags').
 */
export function splitTable(table: Element, k: number, o: SplitOptions): Element | null {
  const doc = table.ownerDocument;
  const grid = buildGrid(table);
  const rows = gridRows(table);
  if (rows.length !== grid.slots.length) return null;
  const byEl = new Map<Element, GridCell>(grid.cells.map((c) => [c.el, c]));
  const crossing = grid.cells.filter((c) => c.row < k && c.row + c.rowspan > k).sort((a, b) => a.col - b.col);
  const first = rows[k] as Element;
  for (const c of crossing) {
    const clone = c.el.cloneNode(o.continuation === 'repeat') as Element;
    setSpan(c.el, 'rowspan', k - c.row);
    setSpan(clone, 'rowspan', c.row + c.rowspan - k);
    const before = Array.from(first.children).find((x) => (byEl.get(x)?.col ?? -1) > c.col);
    first.insertBefore(clone, before ?? null);
  }
  const second = doc.createElement('table');
  for (const a of Array.from(table.attributes)) second.setAttribute(a.name, a.value);
  const body = doc.createElement('tbody');
  second.append(body);
  if (o.xu === 'row') {
    const tr = doc.createElement('tr');
    const td = doc.createElement('td');
    td.setAttribute('colspan', String(grid.width));
    td.textContent = '续表';
    tr.append(td);
    body.append(tr);
  }
  const h = Math.min(o.repeatHeader, k);
  for (let r = 0; r < h; r++) {
    const copy = (rows[r] as Element).cloneNode(true) as Element;
    Array.from(copy.children).forEach((cell, i) => {
      const g = byEl.get((rows[r] as Element).children[i] as Element);
      if (g && g.row + g.rowspan > h) setSpan(cell, 'rowspan', h - g.row);
    });
    body.append(copy);
  }
  for (const tr of rows.slice(k)) body.append(tr);
  if (o.xu === 'paragraph') {
    const p = doc.createElement('p');
    p.textContent = '续表';
    table.after(p, second);
  } else table.after(second);
  return second;
}

/** Move `b`'s rows into `a` (a body of their own, after an optional full-width caption row), and drop `b`. */
export function mergeTables(a: Element, b: Element, caption?: string): void {
  const doc = a.ownerDocument;
  const body = doc.createElement('tbody');
  if (caption) {
    const tr = doc.createElement('tr');
    const td = doc.createElement('td');
    td.setAttribute('colspan', String(Math.max(buildGrid(a).width, buildGrid(b).width)));
    td.textContent = caption;
    tr.append(td);
    body.append(tr);
  }
  for (const tr of gridRows(b)) body.append(tr);
  a.append(body);
  b.remove();
}

/** Put an element inside a one-cell layout table (old portals lay whole articles out so). */
export function wrapInLayout(el: Element): Element {
  const doc = el.ownerDocument;
  const outer = doc.createElement('table');
  outer.setAttribute('width', '100%');
  outer.setAttribute('border', '0');
  const tr = doc.createElement('tr');
  const td = doc.createElement('td');
  outer.append(tr);
  tr.append(td);
  el.replaceWith(outer);
  td.append(el);
  return outer;
}

/** Every text node of the document (the title too) through `convert`. */
export function convertText(doc: Document, convert: (s: string) => string): void {
  const walker = doc.createTreeWalker(doc.documentElement, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    const parent = t.parentElement?.tagName;
    if (parent === 'SCRIPT' || parent === 'STYLE') continue;
    const out = convert(t.data);
    if (out !== t.data) t.data = out;
  }
}

const HAN = /[\u4e00-\u9fff]/;
const MARKS = ['（件）', '(件)', '（单位：件）', '*', '※', '①', 'sup'] as const;

/** Label cells (not `values`) get a unit or a footnote mark (one or two), a zero-width or ideographic space, now and then. */
export function markLabels(cells: Element[], values: ReadonlySet<Element>, r: () => number): void {
  for (const cell of cells) {
    if (values.has(cell) || !HAN.test(cell.textContent ?? '') || r() > 0.35) continue;
    const text = lastText(cell);
    if (!text) continue;
    // Now and then two, as pages stack a note and a unit (「3.其他①（件）」, 「合计*<sup>1</sup>」).
    let end: ChildNode = text;
    for (let n = r() < 0.25 ? 2 : 1; n > 0; n--) {
      const mark = pick(r, MARKS);
      if (mark === 'sup') {
        const sup = cell.ownerDocument.createElement('sup');
        sup.textContent = String(1 + Math.floor(r() * 3));
        end.after(sup);
        end = sup;
      } else if (end === text) text.data += mark;
      else {
        const after = cell.ownerDocument.createTextNode(mark);
        end.after(after);
        end = after;
      }
    }
    if (r() < 0.5) {
      const chars = Array.from(text.data);
      const at = 1 + Math.floor(r() * Math.max(1, chars.length - 1));
      chars.splice(at, 0, pick(r, ['\u200b', '\u3000', '\u200d', '\u00ad', '\u2060', ' ']));
      text.data = chars.join('');
    }
  }
}

/** The last text node with Han characters in a cell. */
function lastText(cell: Element): Text | null {
  const walker = cell.ownerDocument.createTreeWalker(cell, 4);
  let last: Text | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (HAN.test((n as Text).data)) last = n as Text;
  return last;
}

const FULL = (s: string): string => s.replace(/[0-9,]/g, (c) => (c === ',' ? '，' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

/** Figures written plainly get full-width digits or thousands separators, now and then. */
export function restyleFigures(cells: Iterable<Element>, r: () => number): void {
  for (const cell of cells) {
    const raw = (cell.textContent ?? '').trim();
    if (!/^\d+$/.test(raw) || r() > 0.5) continue;
    const grouped = Number(raw) >= 1000 && r() < 0.7 ? Number(raw).toLocaleString('en-US') : raw;
    const out = r() < 0.5 ? FULL(grouped) : grouped;
    const text = lastDigits(cell);
    if (text) text.data = text.data.replace(raw, out);
  }
}

function lastDigits(cell: Element): Text | null {
  const walker = cell.ownerDocument.createTreeWalker(cell, 4);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (/\d/.test((n as Text).data)) return n as Text;
  return null;
}
