/** The page's text as a reader sees it: lines cut at block boundaries and <br>, each with its block element. */
import type { Visibility } from '../grid/hidden';
import { norm } from '../text/normalize';

/** A line of the page's text, as a reader sees it, with the block element it sits in. */
export interface Line {
  text: string;
  el: Element;
  /** `norm(text)`, once asked for (see `lineNorm`). */
  norm?: string;
}

/** A line's `norm`, computed once per line however many readers of the page ask for it. */
export function lineNorm(line: Line): string {
  line.norm ??= norm(line.text);
  return line.norm;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'SELECT', 'OPTION', 'svg', 'IFRAME', 'OBJECT']);
const BLOCK = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'NAV',
  'ASIDE',
  'UL',
  'OL',
  'LI',
  'DL',
  'DT',
  'DD',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'TABLE',
  'TR',
  'TD',
  'TH',
  'CAPTION',
  'BLOCKQUOTE',
  'PRE',
  'FORM',
  'CENTER',
  'BODY',
  'HR',
]);

/**
 * A table of data (many rows of several cells, no table inside), as opposed to a layout table
 * holding the article: its cells are not prose, so the narrative rules never read them.
 */
function isDataTable(table: Element): boolean {
  const rows = (table as HTMLTableElement).rows;
  if (!rows || rows.length < 12) return false;
  const first = rows[0]?.cells.length ?? 0;
  return first >= 3 && table.getElementsByTagName('table').length === 0;
}

/**
 * The text of `root` cut into lines at block boundaries and <br>, skipping scripts, elements the
 * page does not render (by `vis`, else the `hidden` attribute) and the given tables (the report's
 * own tables are read as tables, not as prose), but for their `captions` (a section heading written
 * as a full-width row of a table is a heading all the same).
 */
export function pageLines(
  root: Element,
  skip: ReadonlySet<Element>,
  vis?: Visibility,
  captions?: ReadonlyMap<Element, readonly Element[]>,
): Line[] {
  const lines: Line[] = [];
  let buf = '';
  let owner: Element = root;
  const flush = () => {
    const t = buf.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
    if (t) lines.push({ text: t, el: owner });
    buf = '';
  };
  const walk = (el: Element): void => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        if (buf === '') owner = el;
        buf += (n as Text).data;
        continue;
      }
      if (n.nodeType !== 1) continue;
      const child = n as Element;
      const tag = child.tagName;
      if (tag === 'TABLE' && skip.has(child)) {
        flush();
        for (const cell of captions?.get(child) ?? []) {
          buf = cell.textContent ?? '';
          owner = cell;
          flush();
        }
        continue;
      }
      if (SKIP.has(tag) || (tag === 'TABLE' && isDataTable(child))) continue;
      if (vis ? vis.hides(child) : child.hasAttribute('hidden')) continue;
      if (tag === 'BR') {
        flush();
        continue;
      }
      const block = BLOCK.has(tag);
      if (block) flush();
      walk(child);
      if (block) flush();
    }
  };
  walk(root);
  flush();
  return lines;
}
