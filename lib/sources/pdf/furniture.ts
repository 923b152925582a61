/**
 * Page furniture: page numbers and running headers or footers in a page's margins, which are not
 * part of the report's text; and the 续表 line a continued table carries.
 */
import type { Line } from './lines';
import type { PdfPage } from './page';

/** The share of a page's height at its top and bottom where headers and footers stand. */
const MARGIN = 0.09;

const PAGE_NUMBER =
  /^(?:[-—–－\s]*[0-9０-９]+[-—–－\s]*|第\s*[0-9]+\s*页(?:\s*[/，,]?\s*共\s*[0-9]+\s*页)?|[0-9]+\s*\/\s*[0-9]+|page\s*[0-9]+(?:\s*of\s*[0-9]+)?)$/i;

/** 续表, （续表）, 续表三, 表三（续）: the mark of a table continued from the previous page. */
export const CONTINUED = /^[（(]?\s*续\s*表\s*[一二三四五六七八九十0-9]*\s*[）)]?$|^表\s*[一二三四五六七八九十0-9]+\s*[（(]\s*续\s*[）)]$/;

const inMargin = (l: Line, page: PdfPage): boolean => l.y < page.height * MARGIN || l.y > page.height * (1 - MARGIN);

/** Lines of each page that are furniture: page numbers in the margins, and margin text repeated on several pages. */
export function furniture(pages: { page: PdfPage; lines: Line[] }[]): Set<Line> {
  const out = new Set<Line>();
  const seen = new Map<string, Line[]>();
  for (const { page, lines } of pages) {
    for (const l of lines) {
      if (!inMargin(l, page)) continue;
      if (PAGE_NUMBER.test(l.text.trim())) out.add(l);
      const key = `${Math.round(l.y / 4)}|${l.text.replace(/[0-9]+/g, '#')}`;
      seen.set(key, [...(seen.get(key) ?? []), l]);
    }
  }
  if (pages.length >= 2) for (const list of seen.values()) if (list.length >= 2) for (const l of list) out.add(l);
  return out;
}
