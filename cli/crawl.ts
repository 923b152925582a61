/**
 * `nianbao crawl`: the listing and its later pages → the items of the batch, in listing order: one
 * address per report link, and the failure record of a listing page that could not be fetched (its
 * reports are unknown, and a person should see that). A start page that is not a listing is read
 * as one page, and stderr says so.
 */
import { JSDOM } from 'jsdom';
import { discoverReports, fetchFailureRecord } from '../lib/crawl';
import type { CrawlArgs } from './args';
import type { Item, Web } from './batch';
import { decodeHtml } from './decode';
import { MAX_PAGE_BYTES } from './limits';

/** A listing page as a document (scripts do not run); one beyond any page's size is read as empty. */
function parse(html: string, url: string): { doc: Document; close: () => void } {
  let dom: JSDOM;
  try {
    dom = new JSDOM(html.length > MAX_PAGE_BYTES ? '' : html, { url, contentType: 'text/html' });
  } catch {
    dom = new JSDOM('', { url });
  }
  return { doc: dom.window.document, close: () => dom.window.close() };
}

export async function crawlItems(args: CrawlArgs, web: Web): Promise<Item[]> {
  let pagesRead = 0;
  let reports = 0;
  const found = await discoverReports(
    args.url,
    { get: web.polite.get, decode: (bytes, charset) => decodeHtml(bytes, charset).html, parse },
    {
      ...(args.year !== undefined ? { year: args.year } : {}),
      ...(args.max !== undefined ? { max: args.max } : {}),
      onPage: (page, known) => {
        reports += page.links.length;
        web.progress.listing(++pagesRead, known, reports);
      },
    },
  );
  const capturedAt = new Date().toISOString();
  if (!found.isListing) {
    const failure = found.pages[0]?.failure;
    if (failure) return [{ record: fetchFailureRecord(args.url, capturedAt, failure) }];
    web.progress.end();
    process.stderr.write(`nianbao: ${args.url} is not a listing of reports; it is read as one page\n`);
    return [{ target: { url: args.url } }];
  }
  const items: Item[] = [];
  for (const page of found.pages) {
    if (page.failure) items.push({ record: fetchFailureRecord(page.url, capturedAt, page.failure) });
    for (const l of page.links) items.push({ target: { url: l.url, title: l.title, from: l.from } });
  }
  return items;
}
