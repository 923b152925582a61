/**
 * How much a page would cost to parse, told from its markup before jsdom builds anything: the
 * number of elements and how deep they nest. jsdom's memory grows with the elements (~2 KB each),
 * and its time with elements × depth (each insertion walks up its ancestors, recursively: tables
 * nested 5,000 deep take a minute and then overflow the stack).
 *
 * The tags come from parse5's own tokenizer (the SAX parser of jsdom's parser, which switches to
 * raw text in scripts and styles as the parser would); the depth is the tree builder's stack
 * approximated: void elements never open, an end tag closes up to its open element, and the end
 * tags HTML lets a page omit (a `<p>` or `<td>` left open before the next one) are implied as the
 * parser implies them, so a sloppy but ordinary page is not taken for a deep one.
 */
import { SAXParser } from 'parse5-sax-parser';

export interface Shape {
  elements: number;
  depth: number;
}

const VOID = new Set('area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr'.split(' '));
const BLOCK_CLOSES_P = ['p'];
/** A start tag closes these when they are the open element (HTML's optional end tags). */
const CLOSES: Record<string, string[]> = {
  p: ['p'],
  li: ['li', 'p'],
  dt: ['dt', 'dd', 'p'],
  dd: ['dt', 'dd', 'p'],
  option: ['option'],
  optgroup: ['option', 'optgroup'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  tr: ['td', 'th', 'tr'],
  tbody: ['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'],
  thead: ['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'],
  tfoot: ['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'],
  rb: ['rb', 'rt', 'rp'],
  rt: ['rb', 'rt', 'rp'],
  rp: ['rb', 'rt', 'rp'],
};
for (const block of 'address article aside blockquote div dl fieldset footer form h1 h2 h3 h4 h5 h6 header hr main nav ol pre section table ul'.split(
  ' ',
))
  CLOSES[block] ??= BLOCK_CLOSES_P;

/**
 * The page's elements and nesting depth, counted up to `stopAt` (past either bound the scan stops:
 * the page is refused anyway and need not be read to its end).
 */
export function markupShape(html: string, stopAt: Shape = { elements: Infinity, depth: Infinity }): Promise<Shape> {
  const parser = new SAXParser();
  const stack: string[] = [];
  const open = new Map<string, number>();
  let foreign = 0;
  const shape: Shape = { elements: 0, depth: 0 };
  const push = (name: string) => {
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (name === 'svg' || name === 'math') foreign++;
    if (stack.length > shape.depth) shape.depth = stack.length;
  };
  const pop = () => {
    const name = stack.pop() as string;
    open.set(name, (open.get(name) ?? 1) - 1);
    if (name === 'svg' || name === 'math') foreign--;
  };
  parser.on('startTag', ({ tagName, selfClosing }: { tagName: string; selfClosing: boolean }) => {
    shape.elements++;
    const closes = CLOSES[tagName];
    while (closes && stack.length && closes.includes(stack[stack.length - 1] as string)) pop();
    // `<div/>` opens a div in HTML; only inside SVG and MathML does the slash close it.
    if (!VOID.has(tagName) && !(selfClosing && foreign > 0)) push(tagName);
    if (shape.elements > stopAt.elements || shape.depth > stopAt.depth) parser.stop();
  });
  parser.on('endTag', ({ tagName }: { tagName: string }) => {
    if (!open.get(tagName)) return;
    while (stack.length && stack[stack.length - 1] !== tagName) pop();
    pop();
  });
  parser.resume(); // what passes through is not kept
  return new Promise((done, fail) => {
    parser.on('finish', () => done(shape));
    parser.on('error', fail);
    parser.end(html);
  });
}
