/**
 * The report links of a page, in the page's order: every `<a href>` whose title names an annual
 * report (./title.ts), made absolute against the page's base, each address once, with the year its
 * title names. Article navigation (上一篇/下一篇) is not a list of reports and is left out.
 */

import { eitherScript } from '../text/t2s';
import { reportTitleYear, titleForm } from './title';

export interface ReportLink {
  /** Absolute http(s) address, without its #fragment. */
  url: string;
  /** The title as the page shows it (the link's `title` attribute when the text was cut short). */
  title: string;
  year: number;
  /** The page that listed it. */
  from: string;
}

/** Text just before a link that makes it the article navigation of a report page. */
const ARTICLE_NAV = new RegExp(eitherScript(/(?:上|下)一?(?:篇|条|则|篇文章)[:：]?\s*$/.source));

/** The address a document's relative links resolve against: its `<base href>` when it has one, else `pageUrl`. */
export function baseOf(doc: Document, pageUrl: string): string {
  const base = doc.querySelector('base[href]')?.getAttribute('href');
  if (!base) return pageUrl;
  try {
    return new URL(base, pageUrl).href;
  } catch {
    return pageUrl;
  }
}

/** `href` resolved against `base`, when it is an http(s) address (no javascript:, mailto:, bare #); the fragment dropped. */
export function absoluteUrl(href: string | null, base: string): string | null {
  const h = href?.trim();
  if (!h || h.startsWith('#') || /^(?:javascript|mailto|tel|data):/i.test(h)) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

/** The link's title: its text, or its `title` attribute when that is a longer version of it (the text cut short). */
function linkTitle(a: Element): string {
  const text = squash(a.textContent ?? '');
  const attr = squash(a.getAttribute('title') ?? '');
  if (!attr) return text;
  const stem = text.replace(/(?:…|\.{2,})$/, '');
  return !text || (attr.length > text.length && attr.startsWith(stem)) || reportTitleYear(text) === null ? attr : text;
}

/** The text right before `a` inside its parent (「上一篇：」). */
function textBefore(a: Element): string {
  let s = '';
  for (let n = a.previousSibling; n && s.length < 12; n = n.previousSibling) s = (n.textContent ?? '') + s;
  return s;
}

export interface LinkOptions {
  /** Only reports of this year. */
  year?: number;
}

/** The page's report links in document order, each address once (the first title it had). */
export function reportLinks(doc: Document, pageUrl: string, opts: LinkOptions = {}): ReportLink[] {
  const base = baseOf(doc, pageUrl);
  const seen = new Set<string>();
  const out: ReportLink[] = [];
  for (const a of Array.from(doc.getElementsByTagName('a'))) {
    const url = absoluteUrl(a.getAttribute('href'), base);
    if (!url || seen.has(url)) continue;
    const title = linkTitle(a);
    const year = reportTitleYear(title);
    if (year === null || ARTICLE_NAV.test(textBefore(a))) continue;
    seen.add(url);
    if (opts.year !== undefined && year !== opts.year) continue;
    out.push({ url, title, year, from: pageUrl });
  }
  return out;
}

/** How many different reports `links` name: a PDF and a DOCX of one report, or the same title twice, count once. */
export function distinctReports(links: ReportLink[]): number {
  return new Set(links.map((l) => titleForm(l.title).replace(/\.(?:pdf|docx?|wps|ofd)$/i, ''))).size;
}
