/**
 * What the listing offer (「核查本页列出的 N 份年报」) says about a page: how many reports it links,
 * in which years, and whether it has later pages. Pure (a Document in), for the reader; the popup
 * gets the summary from the tab's reader (`nianbao:listing`).
 */
import { readListing } from '@/lib/crawl/listing';
import { laterPages } from '@/lib/crawl/pager';

export interface ListingSummary {
  /** The listing page's address. */
  url: string;
  /** Report links on the page (each address once), every year. */
  count: number;
  /** The years the links name, most recent first, with how many links name each. */
  years: { year: number; count: number }[];
  /** The page has a pager (later pages to follow). */
  hasPager: boolean;
}

/** The page as a listing of reports; null when it is not one (a report page, or fewer than two reports). */
export function listingSummary(doc: Document, url: string): ListingSummary | null {
  const listing = readListing(doc, url);
  if (!listing.isListing) return null;
  const byYear = new Map<number, number>();
  for (const l of listing.links) byYear.set(l.year, (byYear.get(l.year) ?? 0) + 1);
  const years = [...byYear].sort((a, b) => b[0] - a[0]).map(([year, count]) => ({ year, count }));
  return { url, count: listing.links.length, years, hasPager: laterPages(doc, url).length > 0 };
}
