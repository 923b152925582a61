/**
 * The workbench page's work: the run (utils/workbench/run.ts) with what the browser gives — fetch
 * with the site's cookies, the browser's parser, pdf.js and mammoth from the extension, records kept
 * through the background — the history's summaries (listed once, again when the index changes, and
 * failed reports picked up when a tab read them), and the exports. The view (components/workbench)
 * draws `WorkbenchPage`'s fields and calls its methods.
 */
import { browser } from 'wxt/browser';
import { type Analysis, inSlices, type Steps } from '@/lib';
import type { FetchLike } from '@/lib/crawl';
import { attachmentPageUrl } from '@/utils/attachment';
import { attachmentReaders } from '@/utils/attachmentReaders';
import { exportAndSave } from '@/utils/exports/all';
import { downloadBlob, downloadText } from '@/utils/exports/download';
import { workbenchTableFileName } from '@/utils/exports/files';
import { historyChanged, listHistory, needsRepair } from '@/utils/history';
import type { RecordSummary } from '@/utils/history/summary';
import { t } from '@/utils/i18n';
import { toBackground } from '@/utils/messages';
import { yieldToPage } from '@/utils/pause';
import { pdfjsAssets } from '@/utils/pdfjsAssets';
import { enableSite, siteEnabled, siteHost } from '@/utils/sites';
import { domParse, workbenchReaders } from '@/utils/workbench/readers';
import { type Row, tableCsv } from '@/utils/workbench/rows';
import { type RunEnv, WorkbenchRun } from '@/utils/workbench/run';
import { asRunState, RUN_KEY, type RunItem, type RunState } from '@/utils/workbench/state';
import type { WorkbenchTarget } from '@/utils/workbench/url';

/** Held by the workbench tab that makes the run. */
const LOCK = 'nianbao:workbench';

/** The page is ours: a slice may take a frame. */
const SLICE_BUDGET_MS = 16;

async function drive(steps: Steps<Analysis>): Promise<Analysis> {
  const r = await inSlices(steps, { budgetMs: SLICE_BUDGET_MS, now: () => performance.now(), pause: yieldToPage });
  return r.value as Analysis;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    if (signal?.aborted) return fail(signal.reason);
    const stop = () => {
      clearTimeout(timer);
      fail(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      done();
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** The site's cookies go along (a portal that set one after its check lets the next request through); nothing is cached. */
const siteFetch: FetchLike = (url, init) => fetch(url, { ...init, credentials: 'include', cache: 'no-cache' });

export class WorkbenchPage {
  run: WorkbenchRun;
  history: RecordSummary[] | null = null;
  notice: string | null = null;
  exporting = false;
  /** Another workbench tab is fetching: this one shows its run, and goes on with it when that tab stops. */
  get elsewhere(): boolean {
    return this.run.waiting;
  }
  /** A run asked for on a site the extension may not read yet: it starts once the person allows the site. */
  private pending: { target: WorkbenchTarget; delayMs?: number } | null = null;
  private relist: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly changed: () => void) {
    const env: RunEnv = {
      fetch: siteFetch,
      now: () => Date.now(),
      sleep,
      parse: domParse,
      readers: workbenchReaders({
        parse: domParse,
        files: attachmentReaders(pdfjsAssets()),
        drive,
        previous: async (agency, year) => (await toBackground({ type: 'nianbao:previous', agency, year })) ?? null,
        capturedAt: () => new Date().toISOString(),
      }),
      save: async (record) => {
        const kept = await toBackground({ type: 'nianbao:keep', record });
        return kept?.key ?? null;
      },
      load: async () => asRunState(((await browser.storage.local.get(RUN_KEY)) as Record<string, unknown>)[RUN_KEY]),
      store: (state) => browser.storage.local.set({ [RUN_KEY]: state }),
      exclusive: async (work, signal, waiting) => {
        const locks = (navigator as { locks?: LockManager }).locks;
        if (!locks) return work();
        const ran = await locks.request(LOCK, { ifAvailable: true }, async (lock) => {
          if (!lock) return false;
          await work();
          return true;
        });
        if (ran) return;
        waiting();
        await locks.request(LOCK, { signal }, () => work());
      },
      onItem: (item, parts) => {
        performance.mark('nianbao:workbench:item', { detail: { url: item.url, state: item.state, ms: item.ms, ...parts } });
      },
    };
    this.run = new WorkbenchRun(env, () => this.changed());
  }

  get state(): RunState | null {
    return this.run.state;
  }

  /**
   * The page opened: the history listed, and the run — the stored one, or a new one of `target`.
   * One workbench tab fetches at a time (a Web Lock held while it fetches, env.exclusive): another
   * tab resuming the same run waits, shows the run as the first one stores it, and goes on with it
   * when the first is paused or closed. Two tabs never fetch at once.
   */
  async open(target: WorkbenchTarget | null, delayMs?: number): Promise<void> {
    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local') return;
      if (RUN_KEY in changes) this.run.watch(asRunState(changes[RUN_KEY]?.newValue));
      if (!historyChanged(Object.keys(changes))) return;
      clearTimeout(this.relist);
      this.relist = setTimeout(() => void this.listHistory(), 250);
    });
    await this.listHistory();
    if (target && !(await siteEnabled(target.listing))) {
      await this.run.open(null);
      return this.askForSite(target, delayMs);
    }
    await this.run.open(target, delayMs);
    performance.mark('nianbao:workbench:open');
  }

  /** The site the listing asked for is on, when the extension may not read it yet (the notice offers to allow it). */
  get needsSite(): string | null {
    return this.pending ? (siteHost(this.pending.target.listing) ?? this.pending.target.listing) : null;
  }

  private askForSite(target: WorkbenchTarget, delayMs?: number): void {
    this.pending = { target, ...(delayMs !== undefined ? { delayMs } : {}) };
    this.notice = t('workbench.notice.permission', [this.needsSite as string]);
    this.changed();
  }

  /** From the notice's button (a click: the browser asks the person). */
  async allowSite(): Promise<void> {
    const asked = this.pending;
    if (!asked || !(await enableSite(asked.target.listing))) return;
    this.pending = null;
    this.notice = null;
    await this.run.start(asked.target, asked.delayMs);
  }

  async start(target: WorkbenchTarget): Promise<void> {
    if (!(await siteEnabled(target.listing))) return this.askForSite(target);
    await this.run.start(target);
  }

  async listHistory(): Promise<void> {
    const listing = await listHistory().catch(() => null);
    this.history = listing?.entries ?? [];
    // Records not summarised yet, or summaries from before the figures: the background's repair (once at a time) fills them in.
    if (listing && needsRepair(listing)) void toBackground({ type: 'nianbao:repair' });
    this.changed();
    if (this.history.length && (await this.run.pickUp(this.history))) this.changed();
    performance.mark('nianbao:workbench:history');
  }

  /** A row's report in a tab, with its panel: the page, or a file in the attachment page. */
  async openRow(row: Row): Promise<void> {
    const file = row.kind === 'pdf' || row.kind === 'docx' || /\.(pdf|docx?|wps|ofd)(?:$|[?#])/i.test(row.url);
    const url = file ? attachmentPageUrl({ url: row.url, ...(row.attachmentOf ? { from: row.attachmentOf } : {}) }) : row.url;
    await browser.tabs.create({ url, active: true });
  }

  async openTab(item: RunItem): Promise<void> {
    await browser.tabs.create({ url: item.url, active: true });
  }

  exportCsv(rows: Row[]): void {
    const name = workbenchTableFileName();
    downloadText(name, tableCsv(rows), 'text/csv;charset=utf-8');
    this.notice = t('workbench.notice.exported', [name, String(rows.length)]);
    this.changed();
  }

  async exportJson(rows: Row[]): Promise<void> {
    const keys = rows.flatMap((r) => (r.key ? [r.key] : []));
    if (!keys.length) return;
    this.exporting = true;
    this.changed();
    const out = await exportAndSave('json', keys, (name, blob) => downloadBlob(name, blob));
    this.exporting = false;
    this.notice = out.ok
      ? out.missing
        ? t('workbench.notice.exportedMissing', [out.name, String(out.count), String(out.missing)])
        : t('workbench.notice.exported', [out.name, String(out.count)])
      : t('workbench.notice.exportFailed', [out.error]);
    this.changed();
  }
}
