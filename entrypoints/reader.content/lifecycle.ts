/**
 * One frame's reading, from start to start over: look for a report (now, or when a late body
 * arrives), read it, check it again with last year's record when the history has one (or as soon
 * as it has one: last year's report opened in another tab), follow changes to its tables, and start
 * over when the page navigates within itself (history API). A top frame that holds no report may be
 * a listing of reports (lib/crawl `readListing`): it is offered to check them.
 */
import { browser } from 'wxt/browser';
import { looksLikeReport, type ReportRecord } from '@/lib';
import { type ListingSummary, listingSummary } from '@/utils/listing-summary';
import { type GuestStatus, toBackground } from '@/utils/messages';
import { pageUrl } from '@/utils/page-url';
import { isShowable, type Reading, readPage, recheckPage } from './detect';
import { safe } from './safe';
import type { Scope } from './scope';
import { HOST_TAG } from './ui';
import { watchForReport } from './watch';

const CHANGE_DEBOUNCE_MS = 500;
/**
 * The history's record keys (utils/history/summary.ts RECORD_PREFIX, which a test holds equal):
 * written out, since that module carries the Zod schema and the reader must not.
 */
export const HISTORY_RECORD_PREFIX = 'nianbao:report:';
/** After the history changes, wait this long before asking it again for last year's record. */
const HISTORY_SETTLE_MS = 300;
const NAVIGATION_SETTLE_MS = 100;

/** Same numbers, same findings: a re-read that changes nothing the reader sees. */
function sameResult(a: ReportRecord, b: ReportRecord): boolean {
  const strip = (r: ReportRecord) => JSON.stringify([r.tables, r.findings, r.derived]);
  return strip(a) === strip(b);
}

/** What the rest of the frame hears from its reading. */
export interface LifecycleHooks {
  /** Starting over on this page; `dropped` when a reading was there before. */
  restarted(dropped: boolean): void;
  /** A report to show: the first reading, or one with changed numbers. Resolves once it is reported. */
  report(reading: Reading): Promise<void>;
  /** The page changed (whether or not its tables did). */
  pageChanged(): void;
  /** Re-read with the same result: the cells are elsewhere now, so the marks find them again. */
  relocated(): void;
  /** Re-read and the tables are gone (a page being rebuilt): the findings stay, the marks say what is lost. */
  tablesGone(): void;
  /** No report here, and the page is a listing of reports (or, null, no longer one). */
  listing?(summary: ListingSummary | null): void;
}

/** Two summaries of a listing say the same. */
const sameListing = (a: ListingSummary | null, b: ListingSummary | null): boolean => JSON.stringify(a) === JSON.stringify(b);

export class Lifecycle {
  private run: Scope;
  private _status: GuestStatus = 'searching';
  private _reading: Reading | null = null;
  private previous: ReportRecord | null = null;
  /** Whether the history was asked for last year's record (there was an agency and a year). */
  private askedPrevious = false;
  /** Whole-page reads since the last start (see `GuestState.pageReads`). */
  private _pageReads = 0;
  private url = pageUrl(location.href);
  private lastSignature = '';
  private rereads = 0;
  /** The listing this page is, while it holds no report (top frame only). */
  private _listing: ListingSummary | null = null;

  constructor(
    private readonly scope: Scope,
    private readonly hooks: LifecycleHooks,
    /** Look for a listing when there is no report (the top frame: its panel offers the listing's reports). */
    private readonly listings = false,
  ) {
    this.run = scope.child();
  }

  get status(): GuestStatus {
    return this._status;
  }

  /** This frame's reading, while it shows a report. */
  get reading(): Reading | null {
    return this._reading;
  }

  /** Last year's record: null when the history has none, undefined when it was not asked. */
  get previousRecord(): ReportRecord | null | undefined {
    return this.askedPrevious ? this.previous : undefined;
  }

  get pageReads(): number {
    return this._pageReads;
  }

  /** The listing of reports this page is, while it holds no report. */
  get listing(): ListingSummary | null {
    return this._listing;
  }

  start(): void {
    // History API navigations: WXT's watcher (the Navigation API, or polling), and popstate.
    this.scope.ctx.addEventListener(
      window,
      'wxt:locationchange',
      safe((e: { newUrl?: URL }) => this.onLocation(e.newUrl?.href ?? location.href)),
    );
    this.scope.on(window, 'popstate', () => this.onLocation(location.href));
    void this.search();
  }

  /**
   * The address changed without a new document (history API). WXT reports it from the Navigation
   * API's `navigate` event, before the new address is committed, so the new address comes from the
   * event, and the search starts a moment later, once the page has begun to show its new content.
   */
  private onLocation(href: string): void {
    const url = pageUrl(href);
    if (url === this.url) return;
    this.url = url;
    this.run.dispose();
    this.scope.timeout(() => this.search(), NAVIGATION_SETTLE_MS);
  }

  /** Start over on this page: forget the last reading and watch for a report. */
  private async search(): Promise<void> {
    this.run.dispose();
    const run = this.scope.child();
    this.run = run;
    const dropped = this._reading !== null;
    this._reading = null;
    this.previous = null;
    this.askedPrevious = false;
    this._pageReads = 0;
    this._status = 'searching';
    this.lastSignature = '';
    this._listing = null;
    this.hooks.restarted(dropped);
    const watch = watchForReport(run, document, () => this.attempt(run));
    const found = await watch.done;
    if (this.run !== run || !run.alive) return;
    if (!found) {
      this._status = this._listing ? 'listing' : 'none';
      return;
    }
    this.setListing(null);
    await this.accept(found, run);
  }

  /**
   * The cheap test, then the full read, skipped when nothing that matters changed since the last
   * try; no report, and the page may be a listing.
   */
  private async attempt(run: Scope): Promise<Reading | null> {
    // Nothing that matters changed since the last try: neither the report test nor the listing can tell more.
    const signature = `${document.title}|${document.getElementsByTagName('table').length}|${document.body?.textContent?.length ?? 0}`;
    if (signature === this.lastSignature) return null;
    this.lastSignature = signature;
    if (!looksLikeReport(document)) {
      if (this.listings) this.setListing(listingSummary(document, location.href));
      return null;
    }
    this._pageReads++;
    const r = await readPage(run, document, location.href);
    if (!r || this.run !== run) return r && isShowable(r) ? r : null;
    // A page that only links report files may be a listing of them: the listing is offered then.
    const listing = this.listings && !(r.analysis.record.report.isReport && isShowable(r)) ? listingSummary(document, location.href) : null;
    if (isShowable(r) && !listing) return r;
    this.setListing(listing);
    return null;
  }

  /** The page is this listing now (or none): said to the frame when it changed. */
  private setListing(summary: ListingSummary | null): void {
    if (sameListing(summary, this._listing)) return;
    this._listing = summary;
    if (this._status === 'searching' || this._status === 'listing') this._status = summary ? 'listing' : 'searching';
    this.hooks.listing?.(summary);
  }

  /** A report: checked again with last year's record when the history has one (the page is not read again), then shown. */
  private async accept(found: Reading, run: Scope): Promise<void> {
    let reading = found;
    const { agency, year } = found.analysis.record.report;
    if (agency && year) {
      const previous = await toBackground({ type: 'nianbao:previous', agency, year });
      if (this.run !== run || !run.alive) return;
      this.askedPrevious = true;
      if (previous) {
        this.previous = previous;
        const again = await recheckPage(run, found, previous);
        if (!again || this.run !== run) return;
        reading = again;
      }
    }
    await this.setReading(reading);
    this.watchChanges(run);
    if (agency && year && !this.previous) this.watchHistory(run, agency, year);
  }

  /**
   * Last year's report is not in the history yet: when a record is added to it (another tab read
   * one), ask again; once last year's is there, check this report against it and show it again.
   */
  private watchHistory(run: Scope, agency: string, year: number): void {
    let timer: number | undefined;
    const listener = safe((changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !Object.keys(changes).some((k) => k.startsWith(HISTORY_RECORD_PREFIX) && changes[k]?.newValue)) return;
      run.clearTimeout(timer);
      timer = run.timeout(async () => {
        const previous = await toBackground({ type: 'nianbao:previous', agency, year });
        const reading = this._reading;
        if (!previous || !reading || this.run !== run || this.previous) return;
        this.previous = previous;
        browser.storage.onChanged.removeListener(listener);
        const again = await recheckPage(run, reading, previous);
        if (again && this.run === run) void this.setReading(again);
      }, HISTORY_SETTLE_MS);
    });
    browser.storage.onChanged.addListener(listener);
    run.add(() => browser.storage.onChanged.removeListener(listener));
  }

  private setReading(reading: Reading): Promise<void> {
    this._reading = reading;
    this._status = 'report';
    return this.hooks.report(reading);
  }

  /**
   * After a report is shown, follow changes to its tables: cells re-rendered by the page are found
   * again; changed numbers give a new reading (and new marks, a new history entry, a new badge).
   */
  private watchChanges(run: Scope): void {
    const root = document.body;
    if (!root) return;
    let timer: number | undefined;
    const observer = new MutationObserver(
      safe((records: MutationRecord[]) => {
        this.hooks.pageChanged();
        if (!this.touchesTables(records)) return;
        run.clearTimeout(timer);
        timer = run.timeout(() => this.reread(run), CHANGE_DEBOUNCE_MS);
      }),
    );
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    run.add(() => observer.disconnect());
  }

  private touchesTables(records: MutationRecord[]): boolean {
    const tables = this._reading?.analysis.tables ?? [];
    if (tables.some((t) => !t.isConnected)) return true;
    const hasTable = (n: Node) =>
      n instanceof Element &&
      !n.tagName.startsWith(HOST_TAG.toUpperCase()) &&
      (n.tagName === 'TABLE' || n.getElementsByTagName('table').length > 0);
    for (const m of records) {
      if (tables.some((t) => t.contains(m.target))) return true;
      for (const n of m.addedNodes) if (hasTable(n)) return true;
      for (const n of m.removedNodes) if (hasTable(n)) return true;
    }
    return false;
  }

  /** Read the changed page again; of overlapping re-reads (a slow one, a change meanwhile) the last one counts. */
  private async reread(run: Scope): Promise<void> {
    if (!this._reading) return;
    const ticket = ++this.rereads;
    this._pageReads++;
    const fresh = await readPage(run, document, location.href, this.previous ?? undefined);
    const old = this._reading;
    if (!fresh || !old || ticket !== this.rereads || this.run !== run) return;
    if (!isShowable(fresh)) {
      this.hooks.tablesGone();
      return;
    }
    if (sameResult(old.analysis.record, fresh.analysis.record)) {
      this._reading = {
        ...fresh,
        analysis: { ...old.analysis, elements: fresh.analysis.elements, tables: fresh.analysis.tables, body: fresh.analysis.body },
      };
      this.hooks.relocated();
      return;
    }
    void this.setReading(fresh);
  }
}
