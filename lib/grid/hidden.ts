/**
 * What the page does not render, by the document's own computed style: an element with
 * `display: none` (itself or an ancestor), `visibility: hidden | collapse`, or the `hidden`
 * attribute (which is `display: none` by the browser's own stylesheet). A page's mobile copy of a
 * table, or a decoy, is not the report. One rule for the command line and the browser: jsdom
 * cascades inline styles, `<style>` sheets and the attribute into `getComputedStyle` as a browser
 * does (stylesheets the command line does not load it cannot know).
 *
 * Asking every element would cost too much (`getComputedStyle` is slow, in jsdom above all, and so
 * is querying the whole document for candidates), so an element is asked only when it could be
 * hidden: it has the attribute, an inline style that hides, or a class or id a hiding rule names (a
 * rule that names none is matched against it); each is asked once. Where a stylesheet cannot be read
 * (another origin's, in the browser), every element looked at is asked.
 */

/** How an element shows: 0 rendered, 1 takes its room but shows nothing (visibility), 2 not laid out (display: none). */
export type Shown = 0 | 1 | 2;

const HIDING = /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)/i;

interface RuleLike {
  selectorText?: string;
  style?: { getPropertyValue(name: string): string };
  cssRules?: ArrayLike<RuleLike>;
  styleSheet?: { cssRules: ArrayLike<RuleLike> } | null;
}

/** What the page's stylesheets hide: the classes and ids their rules' subjects name, and the rules naming none. */
interface HidingRules {
  keys: Set<string>;
  loose: string[];
}

export class Visibility {
  private readonly view: { getComputedStyle(el: Element): { display: string; visibility: string } } | null;
  /** Null: a sheet could not be read, so every element looked at is asked. */
  private readonly rules: HidingRules | null;
  private readonly loose: string | null;
  private readonly shown = new Map<Element, Shown>();

  constructor(doc: Document) {
    const view = doc.defaultView;
    this.view = view && typeof view.getComputedStyle === 'function' ? view : null;
    this.rules = hidingRules(doc);
    this.loose = this.rules?.loose.length ? this.rules.loose.join(',') : null;
  }

  /** How the element itself shows (visibility is inherited, so a child of an invisible element is invisible too). */
  state(el: Element): Shown {
    if (el.tagName === 'NOSCRIPT') return 2;
    let s = this.shown.get(el);
    if (s === undefined) {
      s = this.couldHide(el) ? this.compute(el) : 0;
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

  private couldHide(el: Element): boolean {
    const rules = this.rules;
    if (!rules) return true;
    if (el.hasAttribute('hidden')) return true;
    const style = el.getAttribute('style');
    if (style && HIDING.test(style)) return true;
    if (rules.keys.size) {
      if (el.id && rules.keys.has(`#${el.id}`)) return true;
      const cls = el.getAttribute('class');
      if (cls) for (const c of cls.split(/\s+/)) if (c && rules.keys.has(`.${c}`)) return true;
    }
    if (!this.loose) return false;
    try {
      return el.matches(this.loose);
    } catch {
      return false;
    }
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

/** The rules of the page's stylesheets that hide, by what their subjects name; null when a sheet cannot be read. */
function hidingRules(doc: Document): HidingRules | null {
  const out: HidingRules = { keys: new Set(), loose: [] };
  const walk = (rules: ArrayLike<RuleLike>): void => {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as RuleLike;
      if (rule.selectorText && rule.style) {
        const display = rule.style.getPropertyValue('display');
        const visibility = rule.style.getPropertyValue('visibility');
        if (display === 'none' || visibility === 'hidden' || visibility === 'collapse') addSelectors(rule.selectorText, out);
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
  return out;
}

/** Split a selector list at its top-level commas, and file each selector by the classes and ids of its subject. */
function addSelectors(list: string, out: HidingRules): void {
  for (const selector of splitTop(list, ',')) {
    const s = selector.trim();
    // A rule for a pseudo-element hides no element.
    if (!s || s.includes('::')) continue;
    const parts = splitTop(s, ' >+~');
    const subject = parts[parts.length - 1] ?? '';
    const keys = subject.replace(/\[[^\]]*\]|\([^)]*\)/g, '').match(/[.#][\w-]+/g);
    if (keys) out.keys.add(keys[0] as string);
    else out.loose.push(s);
  }
}

/** `s` cut at any of `seps`, outside brackets and parentheses; empty pieces dropped. */
function splitTop(s: string, seps: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && seps.includes(c)) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.filter((p) => p.trim() !== '');
}
