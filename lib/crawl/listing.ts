/**
 * Is a page a listing of annual reports (a portal's 政府信息公开年报 column)? It links at least two
 * different reports, and it is not itself a report: a report page carries the report's own words
 * outside its links (勾稽关系, 本年新收…), or names one report in its heading and links its file.
 * A report page that merely links its attachment, or its neighbours (上一篇/下一篇), is not a listing.
 */
import { attachmentLinks, FILE_NAME } from './attachment';
import { distinctReports, type ReportLink, reportLinks } from './links';
import { reportTitleYear, titleForm } from './title';

/** Words only a report's own text has (the standard tables' and sections' wording). */
const REPORT_BODY = /勾稽关系|本年新收|上年结转|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议/;
/** Fewer different reports than this, and a page is not a listing. */
export const MIN_REPORTS = 2;

/** The page's text outside links, scripts and styles (where a report's own words are). */
function textOutsideLinks(doc: Document): string {
  const parts: string[] = [];
  const walk = (el: Element) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) parts.push(n.nodeValue ?? '');
      else if (n.nodeType === 1 && !/^(?:A|SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/i.test((n as Element).tagName)) walk(n as Element);
    }
  };
  if (doc.body) walk(doc.body);
  return parts.join('');
}

/** The page's own heading: its article-title meta, first h1, or document title. */
function heading(doc: Document): string {
  return (
    doc.querySelector('meta[name="ArticleTitle" i]')?.getAttribute('content') ??
    doc.getElementsByTagName('h1')[0]?.textContent ??
    doc.title ??
    ''
  );
}

/**
 * The page is one report: its own words are on it, or its heading names a report and it links a
 * file but not two other report pages (a list of files under a heading naming a year's reports is
 * taken for a report page: rare, and reading its first file is then the right thing).
 */
export function isReportPage(doc: Document, pageUrl: string, links = reportLinks(doc, pageUrl)): boolean {
  if (REPORT_BODY.test(titleForm(textOutsideLinks(doc)))) return true;
  if (reportTitleYear(heading(doc)) === null || attachmentLinks(doc, pageUrl).length === 0) return false;
  return distinctReports(links.filter((l) => !FILE_NAME.test(l.url))) < MIN_REPORTS;
}

export interface Listing {
  isListing: boolean;
  /** Every report link of the page (before any year filter). */
  links: ReportLink[];
}

/** The page as a listing: whether it is one, and its report links in order. */
export function readListing(doc: Document, pageUrl: string): Listing {
  const links = reportLinks(doc, pageUrl);
  return { isListing: distinctReports(links) >= MIN_REPORTS && !isReportPage(doc, pageUrl, links), links };
}

/** Whether the page lists reports (the panel's 「核查本页列出的 N 份年报」 is offered then). */
export function isListing(doc: Document, pageUrl: string): boolean {
  return readListing(doc, pageUrl).isListing;
}
