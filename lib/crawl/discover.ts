/**
 * A listing and its pagination → the reports it links, in listing order: the start page, then the
 * later pages its pager names (each page once), every report address once across pages, filtered
 * by year, at most `max`. A later page that cannot be fetched is kept with its failure, in its
 * place; a start page that cannot be fetched, or is not a listing, ends the walk at once.
 */
import { charsetOf, type FetchFailure } from './fetched';
import type { ReportLink } from './links';
import { readListing } from './listing';
import { laterPages, MAX_PAGES } from './pager';
import type { GetOptions, Got } from './polite';

export interface ListingDeps {
  /** The polite fetcher's `get` (./polite.ts). */
  get: (url: string, opts?: GetOptions) => Promise<Got>;
  /** A page's bytes as text, by the HTTP charset and the page's own declarations. */
  decode: (bytes: Uint8Array, httpCharset?: string) => string;
  /** HTML → a document (jsdom on the command line, `DOMParser` in a browser); `close` frees it. */
  parse: (html: string, url: string) => { doc: Document; close?: () => void };
}

export interface DiscoverOptions {
  /** Only reports of this year. */
  year?: number;
  /** At most this many reports (the walk stops paging once it has them). */
  max?: number;
  /** At most this many listing pages (default 200). */
  maxPages?: number;
  /** A listing page is served from the store only when fetched within this long, ms (default a day: listings grow). */
  listingMaxAgeMs?: number;
  /** Told of every listing page read (its new links, or why it failed), for progress. */
  onPage?: (page: ListingPage, pagesKnown: number) => void;
}

export interface ListingPage {
  url: string;
  /** The report links first found on this page, after the year filter. */
  links: ReportLink[];
  failure?: FetchFailure;
}

export interface Discovery {
  /** The start page lists reports (else it is itself one page to read). */
  isListing: boolean;
  /** Every page read, in order (the first is the start page). */
  pages: ListingPage[];
  /** Every report link, in listing order. */
  links: ReportLink[];
}

export const LISTING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export async function discoverReports(start: string, deps: ListingDeps, opts: DiscoverOptions = {}): Promise<Discovery> {
  const maxPages = opts.maxPages ?? MAX_PAGES;
  const max = opts.max ?? Number.POSITIVE_INFINITY;
  const queue = [start];
  const seenPages = new Set(queue);
  const seenLinks = new Set<string>();
  const pages: ListingPage[] = [];
  const links: ReportLink[] = [];
  for (let i = 0; i < queue.length && i < maxPages && links.length < max; i++) {
    const url = queue[i] as string;
    const got = await deps.get(url, { maxAgeMs: opts.listingMaxAgeMs ?? LISTING_MAX_AGE_MS });
    if (!got.ok) {
      const page = { url, links: [], failure: got.failure };
      pages.push(page);
      opts.onPage?.(page, queue.length);
      if (i === 0) return { isListing: false, pages, links };
      continue;
    }
    const res = got.response;
    seenPages.add(res.finalUrl);
    const { doc, close } = deps.parse(deps.decode(res.bytes, charsetOf(res.headers['content-type'])), res.finalUrl);
    try {
      const listing = readListing(doc, res.finalUrl);
      if (i === 0 && !listing.isListing) return { isListing: false, pages: [{ url, links: [] }], links };
      const fresh: ReportLink[] = [];
      for (const l of listing.links) {
        if (seenLinks.has(l.url)) continue;
        seenLinks.add(l.url);
        if (opts.year !== undefined && l.year !== opts.year) continue;
        if (links.length + fresh.length >= max) break;
        fresh.push({ ...l, from: url });
      }
      links.push(...fresh);
      for (const p of laterPages(doc, res.finalUrl, maxPages)) {
        if (seenPages.has(p)) continue;
        seenPages.add(p);
        queue.push(p);
      }
      const page = { url, links: fresh };
      pages.push(page);
      opts.onPage?.(page, Math.min(queue.length, maxPages));
    } finally {
      close?.();
    }
  }
  return { isListing: true, pages, links };
}
