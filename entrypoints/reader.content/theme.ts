/** Light or dark panel: follow the page's own background when it has one, else the reader's setting. */

/** `rgb(a)` → [r, g, b, a], or null for anything else. */
function parseColor(c: string): [number, number, number, number] | null {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(c);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** Relative luminance (WCAG) of an sRGB colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: [number, number, number, number]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The page's background is dark (true), light (false), or not painted at all (null). */
export function pageIsDark(doc: Document, el: Element | null = null): boolean | null {
  const view = doc.defaultView;
  if (!view) return null;
  const chain: Element[] = [];
  for (let p: Element | null = el ?? doc.body; p; p = p.parentElement) chain.push(p);
  if (!chain.includes(doc.documentElement)) chain.push(doc.documentElement);
  for (const node of chain) {
    const c = parseColor(view.getComputedStyle(node).backgroundColor);
    if (c && c[3] > 0.5) return luminance(c) < 0.2;
  }
  return null;
}

export function themeFor(doc: Document, el: Element | null = null): 'light' | 'dark' {
  const dark = pageIsDark(doc, el);
  if (dark !== null) return dark ? 'dark' : 'light';
  return doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
