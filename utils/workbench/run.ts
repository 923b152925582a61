/**
 * The workbench's run: a listing and its pagination → every report it links, fetched one at a time
 * by lib/crawl's polite fetcher (never two requests at once, `delayMs` apart, Retry-After honoured,
 * a challenge or two refusals stopping the host), read, checked and kept in the history, with what
 * became of each kept in `storage.local` after every report (state.ts) so the run goes on where it
 * stopped — after a pause, a closed tab or a restarted browser. Everything the browser gives (fetch,
 * the parser, the readers, the history, the store) is passed in, so tests drive it with a fake
 * portal and jsdom.
 */
import type { ReportRecord } from '@/lib';
import {
  discoverReports,
  type FetchLike,
  failureMessage,
  fetchFailureFinding,
  MAX_PAGES,
  type PoliteOptions,
  politeFetcher,
  type ReportReaders,
  readReports,
} from '@/lib/crawl';
import { canonicalUrl } from '@/utils/history/identity';
import type { RecordSummary } from '@/utils/history/summary';
import { decodePage } from './decode';
import { DEFAULT_DELAY_MS, type RunItem, type RunState, sameTarget } from './state';
import type { WorkbenchTarget } from './url';

export interface RunEnv {
  fetch: FetchLike;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** HTML → a document at `url`, for the listing pages. */
  parse: (html: string, url: string) => Document;
  readers: ReportReaders;
  /** Keep a report's record in the history; its key (null: it could not be kept). */
  save: (record: ReportRecord) => Promise<string | null>;
  load: () => Promise<RunState | null>;
  store: (state: RunState) => Promise<void>;
  /** Every request the fetcher makes (tests, the bench). */
  onRequest?: PoliteOptions['onRequest'];
  /**
   * Runs `work` when no other workbench tab is fetching (a Web Lock); `waiting` is told when it must
   * wait for one. Aborting `signal` ends the wait. Absent: `work` runs at once.
   */
  exclusive?: (work: () => Promise<void>, signal: AbortSignal, waiting: () => void) => Promise<void>;
  /** Told when a report has been handled, with where its time went (the bench marks it). */
  onItem?: (item: RunItem, parts: { fetchMs: number; readMs: number; saveMs: number }) => void;
}

/** Two states of one run (the same listing, started at the same moment). */
const sameRun = (a: RunState, b: RunState) => sameTarget(a.target, b.target) && a.startedAt === b.startedAt;

const PAUSE = 'nianbao:pause';
const CANCEL = 'nianbao:cancel';

/** The finding that says why nothing could be checked: a fetch failure, or a file or page that could not be read. */
const whyNothing = (record: ReportRecord) =>
  record.findings.find((f) => /^source\.(fetch|read|parse|size|nesting|memory|kind|scanned|encrypted)/.test(f.rule)) ??
  (record.report.isReport ? undefined : record.findings.find((f) => f.status === 'na'));

export class WorkbenchRun {
  state: RunState | null = null;
  private ctl: AbortController | null = null;
  private going: Promise<void> | null = null;

  constructor(
    private readonly env: RunEnv,
    private readonly changed: (state: RunState | null) => void,
  ) {}

  get running(): boolean {
    return this.going !== null;
  }

  /**
   * The workbench opened: the stored run, resumed when it was under way; with a `target` other than
   * the stored run's, a new run of it (the old run's reports are in the history).
   */
  async open(target: WorkbenchTarget | null, delayMs = DEFAULT_DELAY_MS): Promise<void> {
    this.state = await this.env.load().catch(() => null);
    if (target && (!this.state || !sameTarget(this.state.target, target))) return this.start(target, delayMs);
    this.changed(this.state);
    if (this.state && (this.state.phase === 'running' || this.state.phase === 'discovering')) this.go();
  }

  /** Waiting for another workbench tab to finish fetching (env.exclusive). */
  waiting = false;

  /**
   * The stored run changed: shown here unless this tab is fetching it. A tab fetching one run that
   * sees another, newer run stored (started in another tab) stops, and shows that one: the newest
   * run is the one made.
   */
  watch(state: RunState | null): void {
    if (this.going && !this.waiting) {
      const mine = this.state;
      if (!state || !mine || sameRun(state, mine) || state.startedAt <= mine.startedAt) return;
      void this.halt(PAUSE).then(() => {
        this.state = state;
        this.changed(state);
      });
      return;
    }
    this.state = state;
    this.changed(state);
  }

  /** A new run of `target` (the stored one is replaced). */
  async start(target: WorkbenchTarget, delayMs = this.state?.delayMs ?? DEFAULT_DELAY_MS): Promise<void> {
    await this.halt(CANCEL);
    const at = new Date(this.env.now()).toISOString();
    this.state = { version: 1, target, delayMs, phase: 'discovering', pages: [], items: [], startedAt: at, updatedAt: at };
    await this.keep();
    this.go();
  }

  async pause(): Promise<void> {
    if (!this.state || (this.state.phase !== 'running' && this.state.phase !== 'discovering')) return;
    await this.halt(PAUSE);
    this.state.phase = 'paused';
    await this.keep();
  }

  async resume(): Promise<void> {
    if (!this.state || this.going) return;
    if (this.state.phase === 'done' && !this.state.items.some((i) => i.state === 'pending')) return;
    // Stopped while reading the listing: it is read again from its first page.
    this.state.phase = this.state.items.length ? 'running' : 'discovering';
    delete this.state.why;
    delete this.state.finding;
    await this.keep();
    this.go();
  }

  async cancel(): Promise<void> {
    if (!this.state) return;
    await this.halt(CANCEL);
    if (this.state.phase !== 'done') this.state.phase = 'cancelled';
    await this.keep();
  }

  /** The delay between requests; a run under way goes on with it from its next request. */
  async setDelay(ms: number): Promise<void> {
    if (!this.state || !(ms >= 0)) return;
    const wasGoing = this.going !== null;
    if (wasGoing) await this.halt(PAUSE);
    this.state.delayMs = ms;
    await this.keep();
    if (wasGoing) this.go();
  }

  /** Try failed reports again (all, or those given). */
  async retry(urls?: readonly string[]): Promise<void> {
    if (!this.state) return;
    for (const i of this.state.items)
      if (i.state === 'failed' && (!urls || urls.includes(i.url))) {
        i.state = 'pending';
        delete i.why;
        delete i.reason;
        delete i.finding;
      }
    await this.halt(PAUSE);
    await this.resume();
  }

  /**
   * Reports that failed here and were since read in a tab (the person opened them): the history has
   * them now, under these summaries. Returns whether any was picked up.
   */
  async pickUp(summaries: readonly RecordSummary[]): Promise<boolean> {
    if (!this.state) return false;
    const byUrl = new Map(summaries.map((s) => [canonicalUrl(s.url), s]));
    let any = false;
    for (const i of this.state.items) {
      if (i.state !== 'failed') continue;
      const s = byUrl.get(canonicalUrl(i.url));
      if (!s) continue;
      Object.assign(i, { state: 'done', key: s.key, fromTab: true });
      delete i.why;
      delete i.reason;
      delete i.finding;
      any = true;
    }
    if (any) await this.keep();
    return any;
  }

  private async keep(): Promise<void> {
    if (!this.state) return;
    this.state.updatedAt = new Date(this.env.now()).toISOString();
    this.changed(this.state);
    await this.env.store(this.state).catch(() => undefined);
  }

  private async halt(reason: string): Promise<void> {
    this.ctl?.abort(reason);
    await this.going?.catch(() => undefined);
  }

  private go(): void {
    if (this.going || !this.state) return;
    const ctl = new AbortController();
    this.ctl = ctl;
    const mine = this.state;
    const body = async () => {
      this.waiting = false;
      // While this tab waited, another may have moved this run on, or started a newer one (which wins).
      const stored = await this.env.load().catch(() => null);
      if (stored && sameRun(stored, mine)) this.state = stored;
      else if (stored && stored.startedAt > mine.startedAt) {
        this.state = stored;
        this.changed(stored);
        return;
      } else {
        this.state = mine;
        await this.keep();
      }
      this.changed(this.state);
      if (this.state.phase !== 'running' && this.state.phase !== 'discovering') return;
      await this.work(this.state, ctl.signal);
    };
    const exclusive = this.env.exclusive;
    const run = exclusive
      ? exclusive(body, ctl.signal, () => {
          this.waiting = true;
          this.changed(this.state);
        })
      : this.work(this.state, ctl.signal);
    this.going = run
      .catch(async (e) => {
        if (ctl.signal.aborted) return;
        // Not expected: the run stops where it is, saying why, and can be resumed.
        if (this.state) {
          this.state.phase = 'paused';
          this.state.why = e instanceof Error ? e.message : String(e);
          await this.keep();
        }
      })
      .finally(() => {
        if (this.ctl === ctl) this.ctl = null;
        this.going = null;
        this.waiting = false;
        this.changed(this.state);
      });
  }

  private async work(state: RunState, signal: AbortSignal): Promise<void> {
    const env = this.env;
    const spent = new Map<string, number>();
    const polite = politeFetcher(
      { fetch: env.fetch, now: env.now, sleep: env.sleep },
      {
        delayMs: state.delayMs,
        signal,
        decode: decodePage,
        onRequest: (r) => {
          spent.set(r.url, (spent.get(r.url) ?? 0) + (r.end - r.start));
          env.onRequest?.(r);
        },
      },
    );
    if (state.phase === 'discovering') {
      const { listing, year, follow } = state.target;
      state.pages = [];
      const found = await discoverReports(
        listing,
        { get: polite.get, decode: decodePage, parse: (html, url) => ({ doc: env.parse(html, url) }) },
        {
          ...(year !== undefined ? { year } : {}),
          maxPages: follow ? MAX_PAGES : 1,
          onPage: (page) => {
            state.pages.push({
              url: page.url,
              ...(page.failure ? { why: failureMessage(page.failure), finding: fetchFailureFinding(page.failure) } : {}),
            });
            this.changed(state);
          },
        },
      );
      signal.throwIfAborted();
      if (!found.isListing) {
        const failure = found.pages[0]?.failure;
        if (failure) {
          state.phase = 'failed';
          state.why = failureMessage(failure);
          state.finding = fetchFailureFinding(failure);
          return this.keep();
        }
        state.notListing = true;
        state.items = [{ url: listing, title: '', state: 'pending' }];
      } else
        state.items = found.links.map((l) => ({
          url: l.url,
          title: l.title,
          ...(l.from ? { from: l.from } : {}),
          ...(l.year !== undefined ? { year: l.year } : {}),
          state: 'pending' as const,
        }));
      state.phase = 'running';
      await this.keep();
    }
    const todo = state.items.filter((i) => i.state === 'pending');
    const reading = new Map<string, number>();
    const time = async <T>(url: string, read: () => Promise<T>): Promise<T> => {
      const t0 = env.now();
      const r = await read();
      reading.set(url, env.now() - t0);
      return r;
    };
    const timed: ReportReaders = {
      html: (res) => time(res.url, () => env.readers.html(res)),
      file: (res, linked) => time(res.url, () => env.readers.file(res, linked)),
    };
    await readReports(
      todo.map((i) => ({ url: i.url, title: i.title, ...(i.from ? { from: i.from } : {}) })),
      { get: polite.get, readers: timed, capturedAt: new Date(env.now()).toISOString() },
      async (n, record) => {
        const item = todo[n] as RunItem;
        const t0 = env.now();
        const why = whyNothing(record);
        if (why && !record.report.isReport) {
          Object.assign(item, { state: 'failed', why: why.message, reason: why.id, finding: why });
        } else if (record.report.isReport) {
          const key = await env.save(record);
          if (key) Object.assign(item, { state: 'done', key });
          else
            Object.assign(item, {
              state: 'failed',
              why: '这份报告无法存入历史记录（已另行保存，见弹出窗口的提示）。',
              reason: 'history.save',
            });
        } else Object.assign(item, { state: 'skipped', why: '这个页面不是政府信息公开工作年度报告。', reason: 'page.notReport' });
        if (!item.title && record.source.title) item.title = record.source.title;
        const urls = [...new Set([item.url, record.source.url])];
        const parts = {
          fetchMs: urls.reduce((sum, u) => sum + (spent.get(u) ?? 0), 0),
          readMs: urls.reduce((sum, u) => sum + (reading.get(u) ?? 0), 0),
          saveMs: env.now() - t0,
        };
        item.ms = Math.round(parts.fetchMs + parts.readMs + parts.saveMs);
        env.onItem?.(item, parts);
        await this.keep();
      },
      { signal },
    );
    state.phase = 'done';
    await this.keep();
  }
}
