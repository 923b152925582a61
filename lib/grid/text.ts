import type { Visibility } from './hidden';

const SKIP = new Set(['TABLE', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg']);
const BREAK = new Set(['BR', 'P', 'DIV', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** A footnote mark set as a superscript (¹, ①, *, 注): not part of the label or figure it follows. */
const MARK = /^\s*(?:\d{1,2}|[*※†‡#]+|[①-⑳]|注\d*|[(（[]\d{1,2}[)）\]])\s*$/;

/**
 * The text a cell shows, without the text of tables nested in it (they are read as tables of their
 * own), of elements the page does not render, or of footnote marks in `<sup>`, and with <br> and
 * paragraphs as line breaks. Most cells hold a bare text node, so that case costs one property read.
 */
export function cellText(el: Element, vis?: Visibility): string {
  if (el.firstElementChild === null) return el.textContent ?? '';
  let out = '';
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) out += (child as Text).data;
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (SKIP.has(tag) || vis?.hides(child as Element)) continue;
        if (tag === 'SUP' && MARK.test(child.textContent ?? '')) continue;
        if (tag === 'BR') {
          out += '\n';
          continue;
        }
        walk(child);
        if (BREAK.has(tag)) out += '\n';
      }
    }
  };
  walk(el);
  return out;
}
