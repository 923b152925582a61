/** The crawl's pure core: listings, the polite fetcher, reports and their failures; fetch, clock and store are passed in. */
export { attachmentLink, attachmentLinks, FILE_NAME } from './attachment';
export { type DiscoverOptions, type Discovery, discoverReports, LISTING_MAX_AGE_MS, type ListingDeps, type ListingPage } from './discover';
export { failureMessage, fetchFailureFinding, fetchFailureRecord } from './failure';
export { charsetOf, type FailureReason, type Fetched, type FetchFailure } from './fetched';
export { judge, type Verdict, visibleText } from './judge';
export { answerKind, answerName } from './kind';
export { absoluteUrl, baseOf, distinctReports, type ReportLink, reportLinks } from './links';
export { isListing, isReportPage, type Listing, readListing } from './listing';
export { laterPages, MAX_PAGES } from './pager';
export {
  type FetchLike,
  type GetOptions,
  type Got,
  type Kept,
  type Polite,
  type PoliteEnv,
  type PoliteOptions,
  politeFetcher,
  type ResponseLike,
  type ResponseStore,
} from './polite';
export { type Linked, type ReportDeps, type ReportReaders, type ReportTarget, readReport } from './report';
export { retryAfterMs } from './retryAfter';
export { type RunOptions, readReports } from './run';
export { reportTitleYear } from './title';
