/**
 * What the page does not render, by the document's own computed style: an element with
 * `display: none` (itself or an ancestor), `visibility: hidden | collapse`, or the `hidden`
 * attribute (which is `display: none` by the browser's own stylesheet). A page's mobile copy of a
 * table, or a decoy, is not the report. One rule for the command line and the browser: jsdom
 * cascades inline styles, `<style>` sheets and the attribute into `getComputedStyle` as a browser
 * does (stylesheets the command line does not load it cannot know).
 *
 * Asking every element would cost (jsdom takes ~0.4 ms a call), so only the elements that a rule,
 * an inline style or the attribute could hide are asked, each once; where a stylesheet cannot be
 * read (another origin's, in the browser), every element is asked.
 */

/** How an element shows: 0 rendered, 1 takes its room but shows nothing (visibility), 2 not laid out (display: none). */
export type Shown = 0 | 1 | 2;

const INLINE = '[hidden],[style*="display" i],[style*="visibility" i]';
const HIDING = /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)/i;

interface RuleLike {
  selectorText?: string;
  style?: { getPropertyValue(name: string): string };
  cssRules?: ArrayLike<RuleLike>;
  styleSheet?: { cssRules: ArrayLike<RuleLike> } | null;
}

export class Visibility {
  private readonly view: { getComputedStyle(el: Element): { display: string; visibility: string } } | null;
  /** Elements a rule, inline style or attribute could hide; null: a sheet could not be read, so every element is asked. */
  private readonly candidates: Set<Element> | null;
  private readonly shown = new Map<Element, Shown>();

  constructor(doc: Document) {
    const view = doc.defaultView;
    this.view = view && typeof view.getComputedStyle === 'function' ? view : null;
    this.candidates = candidatesOf(doc);
  }

  /** How the element itself shows (visibility is inherited, so a child of an invisible element is invisible too). */
  state(el: Element): Shown {
    if (el.tagName === 'NOSCRIPT') return 2;
    if (this.candidates && !this.candidates.has(el)) return 0;
    let s = this.shown.get(el);
    if (s === undefined) {
      s = this.compute(el);
      this.shown.set(el, s);
    }
    return s;
  }

  /** The element is not rendered, or shows nothing. */
  hides(el: Element): boolean {
    return this.state(el) !== 0;
  }

  /** The element or an ancestor below `stop` (the whole chain when `stop` is null) hides it. */
  hidden(el: Element, stop: Element | null = null): boolean {
    for (let e: Element | null = el; e && e !== stop; e = e.parentElement) if (this.hides(e)) return true;
    return false;
  }

  private compute(el: Element): Shown {
    if (this.view) {
      const cs = this.view.getComputedStyle(el);
      if (cs.display === 'none') return 2;
      return cs.visibility === 'hidden' || cs.visibility === 'collapse' ? 1 : 0;
    }
    // A document without a window (DOMParser's): the attribute and inline style are all there is.
    if (el.hasAttribute('hidden')) return 2;
    const style = el.getAttribute('style') ?? '';
    if (/display\s*:\s*none/i.test(style)) return 2;
    return HIDING.test(style) ? 1 : 0;
  }
}

/** Every element the attribute, an inline style or a stylesheet rule could hide; null when a sheet cannot be read. */
function candidatesOf(doc: Document): Set<Element> | null {
  const out = new Set<Element>();
  for (const el of Array.from(doc.querySelectorAll(INLINE)))
    if (el.hasAttribute('hidden') || HIDING.test(el.getAttribute('style') ?? '')) out.add(el);
  const selectors: string[] = [];
  const walk = (rules: ArrayLike<RuleLike>): void => {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as RuleLike;
      if (rule.selectorText && rule.style) {
        const display = rule.style.getPropertyValue('display');
        const visibility = rule.style.getPropertyValue('visibility');
        if (display === 'none' || visibility === 'hidden' || visibility === 'collapse') selectors.push(rule.selectorText);
      }
      if (rule.cssRules) walk(rule.cssRules);
      if (rule.styleSheet) walk(rule.styleSheet.cssRules);
    }
  };
  const sheets = doc.styleSheets ?? [];
  for (let i = 0; i < sheets.length; i++) {
    try {
      walk((sheets[i] as CSSStyleSheet).cssRules as unknown as ArrayLike<RuleLike>);
    } catch {
      return null;
    }
  }
  for (const selector of selectors) {
    try {
      for (const el of Array.from(doc.querySelectorAll(selector))) out.add(el);
    } catch {
      // a selector this engine cannot query (a pseudo-element's) hides no element of its own
    }
  }
  return out;
}
