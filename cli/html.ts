/**
 * The HTML loader: a page's bytes (from a saved file, or later a fetched page with its HTTP
 * charset) → a jsdom document, as a browser would build it. Scripts do not run. The markup is
 * measured first, so a page beyond the limits is refused before jsdom spends time or memory on it.
 */
import { JSDOM } from 'jsdom';
import { decodeHtml } from './decode';
import { checkShape, SHAPE_LIMITS } from './limits';
import { PageProblem } from './problem';
import { markupShape } from './shape';

export interface Page {
  dom: JSDOM;
  /** Where the page came from: its original address when it says so, else `url`. */
  url: string;
}

/** Where a saved page came from: Chrome's 「saved from url」 comment, the canonical link, og:url. */
function originalUrl(html: string, doc: Document): string | undefined {
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 2048))?.[1];
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  const og = doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  const found = saved ?? canonical ?? og ?? undefined;
  return found && /^https?:\/\//.test(found) ? found : undefined;
}

/** Parse `bytes` as the page at `url`; a page too large, too deep or that breaks the parser is a `PageProblem`. */
export async function htmlPage(bytes: Uint8Array, url: string, httpCharset?: string): Promise<Page> {
  const { html } = decodeHtml(bytes, httpCharset);
  checkShape(await markupShape(html, SHAPE_LIMITS), bytes.byteLength);
  let dom: JSDOM;
  try {
    dom = new JSDOM(html, { url, contentType: 'text/html' });
  } catch (e) {
    // Within the limits this is not expected; whatever jsdom throws is this page's alone.
    const why = e instanceof RangeError ? '页面结构过深，解析时超出调用栈' : `解析出错：${e instanceof Error ? e.message : String(e)}`;
    throw new PageProblem('source.parse:page', `无法解析这个页面：${why}。`);
  }
  return { dom, url: originalUrl(html, dom.window.document) ?? url };
}
