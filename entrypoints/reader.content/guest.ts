/**
 * One frame's part: look for a report (now, or when a late body arrives), read it, mark its cells,
 * and show the panel, in the top frame for the whole tab. A report read in a child frame is marked
 * there and summarised by the top frame's panel, through the background.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PanelProps } from '@/components/Panel';
import { type CellRef, type Finding, looksLikeReport, type ReportRecord } from '@/lib';
import { findingRefs, markSpecs } from '@/utils/findings';
import { answer, type GuestState, type GuestStatus, type Handlers, type ToFrame, toBackground } from '@/utils/messages';
import { loadCollapsed, loadLang, onLangChange, saveCollapsed } from '@/utils/prefs';
import { isShowable, type Reading, readPage, recheckPage, watchForReport } from './detect';
import { MarkLayer } from './marks';
import { resolver } from './refind';
import { report, safe } from './safe';
import { Scope } from './scope';
import { themeFor } from './theme';
import { type FrameUi, HOST_TAG, mountFrameUi } from './ui';

const CHANGE_DEBOUNCE_MS = 500;
const NAVIGATION_SETTLE_MS = 100;

/** The address without its fragment: following an in-page link is not a navigation. */
const pageUrl = (href: string): string => href.split('#')[0] as string;

function isTopFrame(): boolean {
  try {
    return window.top === window;
  } catch {
    return false;
  }
}

/** Same numbers, same findings: a re-read that changes nothing the reader sees. */
function sameResult(a: ReportRecord, b: ReportRecord): boolean {
  const strip = (r: ReportRecord) => JSON.stringify([r.tables, r.findings, r.derived]);
  return strip(a) === strip(b);
}

export class Guest {
  private readonly scope: Scope;
  private run: Scope;
  private status: GuestStatus = 'searching';
  private reading: Reading | null = null;
  private previous: ReportRecord | null = null;
  /** Whole-page reads since the last `search` (see `GuestState.pageReads`). */
  private pageReads = 0;
  private url = pageUrl(location.href);
  /** The reader has not closed the panel. */
  private shown = true;
  private collapsed = false;
  private selectedId: string | null = null;
  private ui: FrameUi | null = null;
  private marks: MarkLayer | null = null;
  private marksFor: ReportRecord | null = null;
  /** Child frame: the top frame shows this frame's report in its panel. */
  private hostedByTop = false;
  /** Top frame: reports read in child frames, by frame id. */
  private readonly hosted = new Map<number, ReportRecord>();
  private readonly isTop = isTopFrame();
  private rendering: Promise<void> = Promise.resolve();
  private prefs: Promise<void> | null = null;
  private lastSignature = '';
  private rereads = 0;

  constructor(private readonly ctx: ContentScriptContext) {
    this.scope = new Scope(ctx);
    this.run = this.scope.child();
  }

  start(): void {
    const onMessage = answer(this.handlers, report);
    browser.runtime.onMessage.addListener(onMessage);
    this.scope.add(() => browser.runtime.onMessage.removeListener(onMessage));
    this.scope.add(() => this.teardownUi());
    // History API navigations: WXT's watcher (the Navigation API, or polling), and popstate.
    this.ctx.addEventListener(
      window,
      'wxt:locationchange',
      safe((e: { newUrl?: URL }) => this.onLocation(e.newUrl?.href ?? location.href)),
    );
    this.scope.on(window, 'popstate', () => this.onLocation(location.href));
    if (this.isTop) void this.hello();
    void this.search();
  }

  /**
   * The reader's language and fold state, and following changes to the language: wanted only once
   * there is something to show, so pages that are not reports never pay for them.
   */
  private loadPrefs(): Promise<void> {
    if (!this.prefs) {
      this.scope.add(
        onLangChange(() => {
          this.marksFor = null; // the marks' accessible names are in the old language
          this.render();
        }),
      );
      this.prefs = Promise.all([
        loadLang(),
        loadCollapsed().then((collapsed) => {
          this.collapsed = collapsed;
        }),
      ])
        .then(() => undefined)
        .catch(report);
    }
    return this.prefs;
  }

  private async hello(): Promise<void> {
    const children = await toBackground({ type: 'nianbao:hello' });
    for (const c of children ?? []) this.hosted.set(c.frameId, c.record);
    if (this.hosted.size) this.render();
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
    if (this.reading) void toBackground({ type: 'nianbao:cleared' });
    this.reading = null;
    this.previous = null;
    this.pageReads = 0;
    this.selectedId = null;
    this.status = 'searching';
    this.lastSignature = '';
    this.render();
    const watch = watchForReport(run, document, () => this.attempt(run));
    const found = await watch.done;
    if (this.run !== run || !run.alive) return;
    if (!found) {
      this.status = 'none';
      return;
    }
    await this.accept(found, run);
  }

  /** The cheap test, then the full read, skipped when nothing that matters changed since the last try. */
  private async attempt(run: Scope): Promise<Reading | null> {
    if (!looksLikeReport(document)) return null;
    const signature = `${document.title}|${document.getElementsByTagName('table').length}|${document.body?.textContent?.length ?? 0}`;
    if (signature === this.lastSignature) return null;
    this.lastSignature = signature;
    this.pageReads++;
    const r = await readPage(run, document, location.href);
    return r && isShowable(r) ? r : null;
  }

  /** A report: checked again with last year's record when the history has one (the page is not read again), then shown. */
  private async accept(found: Reading, run: Scope): Promise<void> {
    let reading = found;
    const { agency, year } = found.analysis.record.report;
    if (agency && year) {
      const previous = await toBackground({ type: 'nianbao:previous', agency, year });
      if (this.run !== run || !run.alive) return;
      if (previous) {
        this.previous = previous;
        const again = await recheckPage(run, found, previous);
        if (!again || this.run !== run) return;
        reading = again;
      }
    }
    await this.setReading(reading);
    this.watchChanges(run);
  }

  private async setReading(reading: Reading): Promise<void> {
    this.reading = reading;
    this.status = 'report';
    const record = reading.analysis.record;
    const failed = record.findings.some((f) => f.rule === 'extension.error');
    this.render();
    const reply = await toBackground({ type: 'nianbao:report', record, save: !failed });
    const hosted = !this.isTop && reply?.hostedByTop === true;
    if (hosted !== this.hostedByTop) {
      this.hostedByTop = hosted;
      this.render();
    }
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
        if (this.ui && !this.ui.host.isConnected) this.render();
        if (!this.touchesTables(records)) return;
        run.clearTimeout(timer);
        timer = run.timeout(() => this.reread(run), CHANGE_DEBOUNCE_MS);
      }),
    );
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    run.add(() => observer.disconnect());
  }

  private touchesTables(records: MutationRecord[]): boolean {
    const tables = this.reading?.analysis.tables ?? [];
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
    if (!this.reading) return;
    const ticket = ++this.rereads;
    this.pageReads++;
    const fresh = await readPage(run, document, location.href, this.previous ?? undefined);
    const old = this.reading;
    if (!fresh || !old || ticket !== this.rereads || this.run !== run) return;
    if (!isShowable(fresh)) {
      // The tables went away (a page being rebuilt); keep the findings, the marks say what is lost.
      this.marks?.layout();
      return;
    }
    if (sameResult(old.analysis.record, fresh.analysis.record)) {
      this.reading = {
        ...fresh,
        analysis: { ...old.analysis, elements: fresh.analysis.elements, tables: fresh.analysis.tables, body: fresh.analysis.body },
      };
      this.marks?.relocate();
      return;
    }
    void this.setReading(fresh);
  }

  private resolve = (ref: CellRef): Element | null => {
    const r = this.reading;
    if (!r) return null;
    return resolver(document, r.analysis.record, r.analysis.elements)(ref);
  };

  private state(): GuestState {
    return {
      status: this.status,
      url: location.href,
      shown: this.shown,
      pageReads: this.pageReads,
      ...(this.reading ? { analysisMs: Math.round(this.reading.ms * 10) / 10 } : {}),
      ...(this.reading?.longestMs !== undefined ? { analysisLongestMs: Math.round(this.reading.longestMs * 10) / 10 } : {}),
      ...(this.marks ? { marks: this.marks.count } : {}),
    };
  }

  /** The answers of this frame's reader; undefined leaves a message to another frame. */
  private readonly handlers: Handlers<keyof ToFrame, unknown> = {
    'nianbao:get': () => {
      const own = this.reading?.analysis.record;
      return own ? { record: own, frameUrl: location.href } : undefined;
    },
    'nianbao:ping': () => ({ ...this.state(), hosting: this.hosted.size > 0 }),
    'nianbao:host': (msg) => {
      if (!this.isTop) return undefined;
      this.hosted.delete(msg.frameId);
      this.hosted.set(msg.frameId, msg.record);
      this.render();
      return true;
    },
    'nianbao:unhost': (msg) => {
      if (!this.isTop) return undefined;
      this.hosted.delete(msg.frameId);
      this.render();
      return true;
    },
    'nianbao:hosted': () => {
      if (this.isTop) return undefined;
      this.hostedByTop = true;
      this.render();
      return true;
    },
    'nianbao:locate': (msg) => {
      if (!this.reading?.analysis.record.findings.some((f) => f.id === msg.findingId)) return undefined;
      this.shown = true;
      this.render();
      this.locate(msg.findingId);
      return true;
    },
    'nianbao:hide': () => {
      this.shown = false;
      this.render();
      return true;
    },
    'nianbao:show': () => {
      this.shown = true;
      this.collapsed = false;
      this.render();
      return this.status;
    },
  };

  /** Scroll to a finding's cells (the suspect first) and flash them. */
  private locate(findingId: string): void {
    const own = this.reading?.analysis.record;
    const f = own?.findings.find((x) => x.id === findingId);
    if (!f) return;
    this.selectedId = f.id;
    const refs = findingRefs(f);
    const found = refs.map((ref) => ({ ref, el: this.resolve(ref) })).filter((x): x is { ref: CellRef; el: Element } => x.el !== null);
    const first = found[0];
    if (first) {
      const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      first.el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
      const marked = new Set(this.marksFor ? markSpecs(this.marksFor.findings).keys() : []);
      const keys = found.map((x) => `${x.ref.table}|${x.ref.row}|${x.ref.column}`);
      this.marks?.flash(
        keys.filter((k) => marked.has(k)),
        found.filter((_, i) => !marked.has(keys[i] as string)).map((x) => x.el),
      );
    }
    this.render();
  }

  /** The panel's record: this frame's own report, else (top frame) the latest child frame's. */
  private panelSource(): { record: ReportRecord; frameId: number | null } | null {
    const own = this.reading?.analysis.record;
    if (own && !this.hostedByTop) return { record: own, frameId: null };
    if (!this.isTop) return null;
    const last = [...this.hosted.entries()].pop();
    return last ? { record: last[1], frameId: last[0] } : null;
  }

  private onLocate = (f: Finding): void => {
    const source = this.panelSource();
    if (!source) return;
    if (source.frameId === null) this.locate(f.id);
    else {
      this.selectedId = f.id;
      void toBackground({ type: 'nianbao:relay', frameId: source.frameId, message: { type: 'nianbao:locate', findingId: f.id } });
      this.render();
    }
  };

  private onToggle = (): void => {
    this.collapsed = !this.collapsed;
    void saveCollapsed(this.collapsed).catch(report);
    this.render();
  };

  private onClose = (): void => {
    const source = this.panelSource();
    this.shown = false;
    if (source && source.frameId !== null)
      void toBackground({ type: 'nianbao:relay', frameId: source.frameId, message: { type: 'nianbao:hide' } });
    this.render();
  };

  private onMarkActivate = (spec: { findings: Finding[] }): void => {
    const f = spec.findings[0];
    if (!f) return;
    this.selectedId = f.id;
    this.collapsed = false;
    this.render();
  };

  /** Bring the page in line with the state, one render at a time (mounting the shadow root is async). */
  private render(): void {
    this.rendering = this.rendering.then(() => this.draw()).catch(report);
  }

  private async draw(): Promise<void> {
    if (!this.scope.alive) return;
    const own = this.reading?.analysis.record ?? null;
    const source = this.panelSource();
    const wantMarks = this.shown && (own?.findings.some((f) => f.status === 'fail') ?? false);
    const wantPanel = this.shown && source !== null;
    if (!wantMarks && !wantPanel) {
      this.teardownUi();
      return;
    }
    if (this.ui && !this.ui.host.isConnected) {
      // The page rebuilt its body and took our element with it: mount again.
      this.dropMarks();
      this.ui.remove();
      this.ui = null;
    }
    if (!this.ui) {
      if (!document.body) return;
      await this.loadPrefs();
      this.ui = await mountFrameUi(this.ctx);
      if (!this.scope.alive) return this.teardownUi();
    }
    const ui = this.ui;
    ui.setTheme(themeFor(document, this.reading?.analysis.body ?? null));

    if (wantMarks && own) {
      if (!this.marks) {
        this.marks = new MarkLayer({
          scope: this.scope,
          doc: document,
          layer: ui.layer,
          tip: ui.tip,
          resolve: (spec) => this.resolve(spec.ref),
          onActivate: this.onMarkActivate,
          onLost: () => this.render(),
        });
      }
      if (this.marksFor !== own) {
        this.marksFor = own;
        this.marks.set(own, markSpecs(own.findings).values());
      }
    } else this.dropMarks();

    if (wantPanel && source) {
      const props: PanelProps = {
        record: source.record,
        collapsed: this.collapsed,
        theme: themeFor(document, this.reading?.analysis.body ?? null),
        fromFrame: source.frameId !== null,
        selectedId: this.selectedId,
        onToggle: this.onToggle,
        onClose: this.onClose,
        onLocate: this.onLocate,
        ...(source.frameId === null && this.marks ? { marks: this.marks.count } : {}),
      };
      ui.panel(props);
    } else ui.panel(null);
  }

  private dropMarks(): void {
    this.marks?.destroy();
    this.marks = null;
    this.marksFor = null;
  }

  private teardownUi(): void {
    this.dropMarks();
    this.ui?.remove();
    this.ui = null;
  }
}
