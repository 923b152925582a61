/**
 * Which report a record is, whatever address it was read at: the key under which the history keeps
 * one entry per report and a person's verdicts survive a re-reading. Pure (no storage).
 */
import type { ReportRecord } from '@/lib';

/** Query parameters that say how a visitor arrived, never which document they asked for. */
const TRACKING =
  /^(?:utm_[a-z_]*|from|source|src|spm|share[a-z_]*|isappinstalled|ref|referer|referrer|timestamp|ts|t|_|random|rnd|scene|clicktime|enterid|pvid|fbclid|gclid|wxshare|vd_source)$/i;

/**
 * The address without what does not change the document: the fragment, tracking parameters, the
 * default port, the order of the remaining parameters. An address that does not parse is kept as is.
 */
export function canonicalUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.split('#')[0] as string;
  }
  u.hash = '';
  const kept = [...u.searchParams].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
  u.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  return u.href;
}

/** Agency names compared without spaces and with full-width letters and digits folded. */
export const foldAgency = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');

/**
 * A report is its body and year when the page says both (the same report at `?from=search`, on a
 * mirror, or as its PDF attachment is one report); otherwise its canonical address.
 */
export function reportIdentity(record: ReportRecord): string {
  const { isReport, agency, year } = record.report;
  if (isReport && agency && year !== undefined) return `report:${foldAgency(agency)}|${year}`;
  return `url:${canonicalUrl(record.source.url)}`;
}
