/**
 * The workbench page's address: `/workbench.html?listing=<url>&year=<Y>&follow=1|0`, the listing to
 * check (its reports, filtered by year, following its pagination when `follow`), or no listing for
 * the whole history. Pure, so the views (the panel's and the popup's listing offer) may import it.
 */

export interface WorkbenchTarget {
  /** The listing page's absolute address. */
  listing: string;
  /** Only reports of this year. */
  year?: number;
  /** Follow the listing's own pagination (下一页, index_1.html). */
  follow: boolean;
}

/** The path of the workbench page for `target` (for `browser.runtime.getURL`); none: the history alone. */
export function workbenchPath(target?: WorkbenchTarget): string {
  if (!target) return '/workbench.html';
  const q = new URLSearchParams({ listing: target.listing });
  if (target.year !== undefined) q.set('year', String(target.year));
  q.set('follow', target.follow ? '1' : '0');
  return `/workbench.html?${q}`;
}

/** The target a workbench address names; null when it names none, or not an http(s) listing. */
export function workbenchTarget(search: string): WorkbenchTarget | null {
  const q = new URLSearchParams(search);
  const listing = q.get('listing');
  if (!listing) return null;
  try {
    if (!/^https?:$/.test(new URL(listing).protocol)) return null;
  } catch {
    return null;
  }
  const y = Number(q.get('year'));
  const year = Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : undefined;
  return { listing, ...(year !== undefined ? { year } : {}), follow: q.get('follow') !== '0' };
}
