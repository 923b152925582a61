const SKIP = new Set(['TABLE', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg']);
const BREAK = new Set(['BR', 'P', 'DIV', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/**
 * The text a cell shows, without the text of tables nested in it (they are read as tables of their
 * own) and with <br> and paragraphs as line breaks. Most cells hold a bare text node, so that case
 * costs one property read.
 */
export function cellText(el: Element): string {
  if (el.firstElementChild === null) return el.textContent ?? '';
  let out = '';
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) out += (child as Text).data;
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (SKIP.has(tag)) continue;
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
