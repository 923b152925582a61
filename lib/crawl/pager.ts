/**
 * The later pages of a listing, in order, from its pager: 下一页/尾页 and numbered links, whose
 * addresses number the pages (`index_1.html`, `?page=2`) so that the pages between the current one
 * and the last are known even when the pager shows only a few; and the script many Chinese CMSs
 * (TRS) write their pager with, `createPageHTML(countPage, currentPage, "index", "html")` (pages
 * `index.html`, `index_1.html` … `index_<count-1>.html`), whose arguments may be variables.
 */

import { eitherScript } from '../text/t2s';
import { absoluteUrl, baseOf } from './links';

const NEXT = new RegExp(eitherScript(/^(?:下一?页|后一?页|next|›|>|»)$/.source), 'i');
const LAST = new RegExp(eitherScript(/^(?:尾页|末页|最后一?页|last|>>|»»|›|>)$/.source), 'i');
const NUMBER = /^\[?(\d{1,4})\]?$/;
/** Query parameters that number a listing's pages. */
const PAGE_PARAM = /^(?:page|pageno|pagenum|pageindex|pn|p|curpage|currentpage|cpage|page_no|pageidx)$/i;
/** A listing page's own name numbered after its first page: index_2.html, list_3.shtml. */
const NUMBERED_FILE = /^(.+?)_(\d{1,4})\.([a-z]{2,6})$/i;
const PLAIN_FILE = /^(.+?)\.([a-z]{2,6})$/i;

/** The pages a pager shows at most before we follow it no further (a bogus 尾页 of page 99999). */
export const MAX_PAGES = 200;

/** A series of numbered pages: the key shared by its members, a page's number, and the address of page k. */
interface Series {
  key: string;
  n: number | null;
  page: (k: number) => string;
}

/** The series `url` belongs to, by its file name or a page parameter; null when it numbers no page. */
function seriesOf(url: string): Series | null {
  const u = new URL(url);
  for (const [name, value] of u.searchParams) {
    if (!PAGE_PARAM.test(name) || !/^\d{1,4}$/.test(value)) continue;
    const rest = new URL(url);
    rest.searchParams.delete(name);
    return {
      key: `q:${name}:${rest.href}`,
      n: Number(value),
      page: (k) => {
        const p = new URL(url);
        p.searchParams.set(name, String(k));
        return p.href;
      },
    };
  }
  const dir = u.pathname.slice(0, u.pathname.lastIndexOf('/') + 1);
  const file = u.pathname.slice(dir.length);
  const numbered = NUMBERED_FILE.exec(file);
  const plain = numbered ? null : PLAIN_FILE.exec(file);
  const m = numbered ?? plain;
  if (!m) return null;
  const [prefix, ext] = numbered ? [m[1], m[3]] : [m[1], m[2]];
  const at = (name: string) => {
    const p = new URL(url);
    p.pathname = dir + name;
    return p.href;
  };
  return {
    key: `f:${u.origin}${dir}${prefix}.${ext}${u.search}`,
    n: numbered ? Number(m[2]) : 0,
    page: (k) => at(k === 0 ? `${prefix}.${ext}` : `${prefix}_${k}.${ext}`),
  };
}

const squash = (s: string) => s.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');

/** The pager's links: where 下一页 points, and every page address it shows (next, last, numbered). */
function pagerAnchors(doc: Document, base: string): { next: string | null; pages: string[] } {
  let next: string | null = null;
  const pages: string[] = [];
  for (const a of Array.from(doc.getElementsByTagName('a'))) {
    const text = squash(a.textContent || a.getAttribute('title') || '');
    // 「下一页>」「»尾页」: the arrows beside the words, not arrows alone.
    const bare = text.replace(/(?<=.)[>»›]+$/, '').replace(/^[<«‹]+(?=.)/, '');
    const isNext = NEXT.test(bare);
    if (!isNext && !LAST.test(bare) && !NUMBER.test(bare)) continue;
    const url = absoluteUrl(a.getAttribute('href'), base);
    if (!url) continue;
    if (isNext && !next) next = url;
    pages.push(url);
  }
  return { next, pages };
}

/** The pages `createPageHTML(count, current, prefix, suffix)` writes after the current one. */
function scriptPages(doc: Document, base: string, max: number): string[] {
  const code = Array.from(doc.getElementsByTagName('script'))
    .filter((s) => !s.getAttribute('src'))
    .map((s) => s.textContent ?? '')
    .join('\n');
  const call = /(?<!function\s+)createPageHTML\s*\(([^)]*)\)/.exec(code);
  if (!call) return [];
  const value = (arg: string): number | string | null => {
    const a = arg.trim();
    const quoted = /^(['"])(.*)\1$/.exec(a);
    if (quoted) return quoted[2] as string;
    if (/^\d+$/.test(a)) return Number(a);
    if (!/^[A-Za-z_$][\w$]*$/.test(a)) return null;
    const assigned = new RegExp(`(?:^|[^\\w$.])${a.replace(/\$/g, '\\$')}\\s*=\\s*(\\d+)`).exec(code);
    return assigned ? Number(assigned[1]) : null;
  };
  const args = (call[1] ?? '').split(',').map(value);
  const numbers = args.filter((a): a is number => typeof a === 'number');
  const strings = args.filter((a): a is string => typeof a === 'string');
  const [count, current] = numbers;
  const [prefix, suffix] = strings.slice(-2);
  if (count === undefined || current === undefined || !prefix || !suffix || !/^\w+$/.test(suffix)) return [];
  const out: string[] = [];
  for (let i = current + 1; i < Math.min(count, current + 1 + max); i++) {
    const url = absoluteUrl(i === 0 ? `${prefix}.${suffix}` : `${prefix}_${i}.${suffix}`, base);
    if (url) out.push(url);
  }
  return out;
}

/**
 * The listing's pages after `pageUrl`, in page order: those its pager script writes, then those its
 * links number, the pages between the current one and the highest shown filled in, then any other
 * page its 下一页 points to. The current page is never among them.
 */
export function laterPages(doc: Document, pageUrl: string, max = MAX_PAGES): string[] {
  const base = baseOf(doc, pageUrl);
  const here = absoluteUrl(pageUrl, pageUrl) ?? pageUrl;
  const out: string[] = [];
  const add = (u: string) => {
    if (u !== here && !out.includes(u)) out.push(u);
  };
  for (const u of scriptPages(doc, base, max)) add(u);

  const { next, pages } = pagerAnchors(doc, base);
  const own = seriesOf(here);
  const bySeries = new Map<string, { series: Series; numbers: number[] }>();
  for (const u of pages) {
    const s = seriesOf(u);
    if (s?.n === null || !s) continue;
    const group = bySeries.get(s.key) ?? { series: s, numbers: [] };
    group.numbers.push(s.n);
    bySeries.set(s.key, group);
  }
  const nextSeries = next ? seriesOf(next) : null;
  for (const [key, { series, numbers }] of bySeries) {
    // A pager shows several pages, or is this page's own series, or 下一页's: a lone numbered link elsewhere is not one.
    if (new Set(numbers).size < 2 && own?.key !== key && nextSeries?.key !== key) continue;
    // This page's number: its own when it belongs to the series, else one before 下一页's, else one before the lowest shown.
    const current =
      own?.key === key && own.n !== null
        ? own.n
        : nextSeries?.key === key && nextSeries.n !== null
          ? nextSeries.n - 1
          : Math.min(...numbers) - 1;
    const last = Math.min(Math.max(...numbers), current + max);
    for (let k = current + 1; k <= last; k++) add(series.page(k));
  }
  if (next) add(next);
  return out.slice(0, max);
}
