/**
 * What one frame shows: the marks over its report's cells and, for the report the panel is about,
 * the panel, both in our one shadow root. Drawn from the state one render at a time; also takes the
 * reader's own actions on them (fold, close, dock, pick a finding, Enter or Escape on a mark, a
 * verdict, a citation). A picked finding's cells are brought into view clear of the panel, which
 * moves or shortens if it must (placement.ts).
 */

import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Dock, PanelProps } from '@/components/Panel';
import { type CellRef, type Finding, type ReportRecord, type Review, refKey } from '@/lib';
import { openAttachment } from '@/utils/attachment';
import { defaultDock, loadDock, saveDock } from '@/utils/dock';
import { findingRefs, markSpecs } from '@/utils/findings';
import { reportIdentity } from '@/utils/history/identity';
import type { ListingSummary } from '@/utils/listing-summary';
import { type Message, toBackground } from '@/utils/messages';
import { loadCollapsed, loadLang, onLangChange, saveCollapsed } from '@/utils/prefs';
import { loadReviews, type Reviews, setReview, watchReviews } from '@/utils/reviews/store';
import type { Box } from './clip';
import { copyText } from './copy';
import type { Reading } from './detect';
import type { PanelSource } from './hosting';
import { MarkLayer } from './marks';
import { plan, union } from './placement';
import { resolver } from './refind';
import { report, safe } from './safe';
import type { Scope } from './scope';
import { themeFor } from './theme';
import { type FrameUi, mountFrameUi } from './ui';

/** Where the view learns what there is to show, and how it reaches the frame a hosted report is in. */
export interface ViewSource {
  /** This frame's reading, while it shows a report. */
  reading(): Reading | null;
  /** The record the panel is about (this frame's, or a child frame's), if any. */
  panel(): PanelSource | null;
  /** Pass a message to the child frame whose report the panel shows. */
  relay(frameId: number, message: Message<'nianbao:locate' | 'nianbao:hide'>): void;
  /** Last year's record of this frame's report: null when the history has none, undefined when not asked. */
  previous(): ReportRecord | null | undefined;
  /** The listing of reports this page is, while it holds no report (top frame). */
  listing?(): ListingSummary | null;
}

/** Putting our element back after the page removed it: at most this many times a minute. */
const REMOUNTS_PER_MINUTE = 5;

export class FrameView {
  /** The reader has not closed the panel. */
  private _shown = true;
  private collapsed = false;
  private selectedId: string | null = null;
  private ui: FrameUi | null = null;
  private marks: MarkLayer | null = null;
  private marksFor: ReportRecord | null = null;
  private rendering: Promise<void> = Promise.resolve();
  private prefs: Promise<void> | null = null;
  /** The reader's dock for this site; where the panel is now (moved clear of a finding's cells). */
  private chosenDock: Dock | null = null;
  private dockNow: Dock | null = null;
  private maxHeight: number | null = null;
  /** The verdicts of the report the panel shows, and whose they are. */
  private reviews: Reviews = {};
  private reviewsFor: string | null = null;
  private unwatchReviews: (() => void) | null = null;
  private remounts: number[] = [];
  private _failure: 'removed' | 'mount' | null = null;

  constructor(
    private readonly ctx: ContentScriptContext,
    private readonly scope: Scope,
    private readonly source: ViewSource,
    /** How the shadow root is made (the attachment page, an extension page, adds the stylesheet itself). */
    private readonly mount: (ctx: ContentScriptContext) => Promise<FrameUi> = mountFrameUi,
  ) {
    scope.add(() => this.teardown());
  }

  get shown(): boolean {
    return this._shown;
  }

  /** Why the reader could not show what it read, if it could not. */
  get failure(): 'removed' | 'mount' | null {
    return this._failure;
  }

  /** The marked cells, and those that could not be found again; null when nothing is marked. */
  get markCount(): { shown: number; lost: number } | null {
    return this.marks?.count ?? null;
  }

  /** Show the panel and marks again, unfolded (from the popup). */
  show(): void {
    this._shown = true;
    this.collapsed = false;
    this.render();
  }

  /** Remove the marks (the panel in the top frame was closed). */
  hide(): void {
    this._shown = false;
    this.render();
  }

  /** A new search: nothing is picked. */
  unselect(): void {
    this.selectedId = null;
  }

  /** Scroll to a finding's cells (the suspect first) and flash them, showing the marks first. */
  reveal(findingId: string): void {
    this._shown = true;
    this.render();
    this.locate(findingId);
  }

  /** The page changed: if it took our element with it (its body rebuilt), draw again. */
  pageChanged(): void {
    if (this.ui && !this.ui.host.isConnected) this.render();
  }

  /** The cells moved to other elements: find them again. */
  relocate(): void {
    this.marks?.relocate();
  }

  /** Place the marks again (and count the cells that are gone). */
  layout(): void {
    this.marks?.layout();
  }

  /** Bring the page in line with the state, one render at a time (mounting the shadow root is async). */
  render(): void {
    this.rendering = this.rendering.then(() => this.draw()).catch(report);
  }

  /**
   * The reader's language and fold state, and following changes to the language: wanted only once
   * there is something to show, so pages that are not reports never pay for them.
   */
  private loadPrefs(): Promise<void> {
    if (!this.prefs) {
      // Without a chosen dock, a window made narrow (or wide) moves the panel to its default place.
      let wide = defaultDock(window.innerWidth);
      this.scope.on(window, 'resize', () => {
        const now = defaultDock(window.innerWidth);
        if (now === wide) return;
        wide = now;
        if (!this.chosenDock) this.render();
      });
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
        loadDock(location.hostname).then((dock) => {
          this.chosenDock = dock;
        }),
      ])
        .then(() => undefined)
        .catch(report);
    }
    return this.prefs;
  }

  private resolve = (ref: CellRef): Element | null => {
    const r = this.source.reading();
    if (!r) return null;
    return resolver(document, r.analysis.record, r.analysis.elements)(ref);
  };

  private locate(findingId: string): void {
    const f = this.source.reading()?.analysis.record.findings.find((x) => x.id === findingId);
    if (!f) return;
    this.selectedId = f.id;
    const found = findingRefs(f)
      .map((ref) => ({ ref, el: this.resolve(ref) }))
      .filter((x): x is { ref: CellRef; el: Element } => x.el !== null);
    const first = found[0];
    if (first) {
      const marked = new Set(this.marksFor ? markSpecs(this.marksFor.findings).keys() : []);
      const keys = found.map((x) => refKey(x.ref));
      // Inner scroll containers first (a wide table in its own box), then the window, clear of the panel.
      first.el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
      if (this.source.panel()?.frameId === null)
        this.clearOfPanel(
          keys,
          found.map((x) => x.el),
        );
      else first.el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
      this.marks?.flash(
        keys.filter((k) => marked.has(k)),
        found.filter((_, i) => !marked.has(keys[i] as string)).map((x) => x.el),
      );
    }
    this.render();
  }

  /**
   * Scroll, and move or shorten the panel, so that every one of these cells is in the window and
   * clear of it. Cells that cannot all be in the window (a column taller than it) keep their span
   * on the axis that fits, so the panel covers none of those in view, and the first (the suspect)
   * is in view.
   */
  private clearOfPanel(keys: string[], els: Element[]): void {
    const boxes: Box[] = this.marks?.boxesOf(keys) ?? [];
    if (boxes.length < keys.length) {
      boxes.length = 0;
      for (const el of els) boxes.push(el.getBoundingClientRect());
    }
    const all = union(boxes);
    const first = boxes[0];
    if (!all || !first) return;
    const root = document.scrollingElement ?? document.documentElement;
    const width = root.clientWidth || window.innerWidth;
    const height = root.clientHeight || window.innerHeight;
    const room = {
      left: window.scrollX,
      right: Math.max(0, root.scrollWidth - width - window.scrollX),
      up: window.scrollY,
      down: Math.max(0, root.scrollHeight - height - window.scrollY),
    };
    const win = { width, height, room };
    const targets: [Box, Dock[]][] = [
      [all, ['left', 'right', 'bottom']],
      [{ left: all.left, right: all.right, top: first.top, bottom: first.bottom }, ['left', 'right']],
      [{ left: first.left, right: first.right, top: all.top, bottom: all.bottom }, ['bottom']],
      [first, ['left', 'right', 'bottom']],
    ];
    let p = plan(first, win, this.dock);
    for (const [t, docks] of targets) {
      const q = plan(t, win, this.dock, docks);
      if (!q.fold) {
        p = q;
        break;
      }
    }
    if (p.dx || p.dy) window.scrollBy({ left: p.dx, top: p.dy, behavior: 'instant' });
    this.dockNow = p.dock === this.dock ? null : p.dock;
    this.maxHeight = p.maxHeight;
    if (p.fold) this.collapsed = true;
    this.marks?.layout();
  }

  /** The reader's dock for this site; without one, the window's width decides (a bottom sheet when narrow). */
  private get dock(): Dock {
    return this.chosenDock ?? defaultDock(window.innerWidth);
  }

  private onDock = (dock: Dock): void => {
    this.chosenDock = dock;
    this.dockNow = null;
    this.maxHeight = null;
    void saveDock(location.hostname, dock).catch(report);
    this.render();
  };

  private onReview = (f: Finding, review: Review | null): void => {
    const identity = this.reviewsFor;
    if (!identity) return;
    // Shown at once; the store's answer (and other tabs' changes) follow through the watch.
    const next = { ...this.reviews };
    if (review) next[f.id] = review;
    else delete next[f.id];
    this.reviews = next;
    this.render();
    void setReview(identity, f.id, review).catch(report);
  };

  private onCopy = (text: string): Promise<boolean> => {
    const root = this.ui?.root;
    return root ? copyText(text, root) : Promise.resolve(false);
  };

  private onSkip = (): void => {
    this.marks?.focusFirst();
  };

  /** Escape on a mark: back to its finding in the panel (or the skip link). */
  private onMarkEscape = (spec: { findings: Finding[] }): void => {
    const root = this.ui?.root;
    const id = spec.findings[0]?.id;
    const target =
      (id ? root?.querySelector<HTMLElement>(`button[data-finding="${CSS.escape(id)}"]`) : null) ??
      root?.querySelector<HTMLElement>('[data-skip]');
    target?.focus();
  };

  /** Load and follow the verdicts of the report the panel shows (they change in other tabs, in the popup). */
  private followReviews(record: ReportRecord | null): void {
    const identity = record ? reportIdentity(record) : null;
    if (identity === this.reviewsFor) return;
    this.unwatchReviews?.();
    this.unwatchReviews = null;
    this.reviewsFor = identity;
    this.reviews = {};
    if (!identity) return;
    const apply = (reviews: Reviews) => {
      if (this.reviewsFor !== identity) return;
      this.reviews = reviews;
      this.marks?.setReviews(reviews);
      this.render();
    };
    this.unwatchReviews = watchReviews(identity, apply);
    void loadReviews(identity).then(apply, report);
  }

  /** Our element was removed by the page: put it back, a few times a minute at most (a page may keep removing it). */
  private mayRemount(): boolean {
    const now = Date.now();
    this.remounts = this.remounts.filter((t) => now - t < 60_000);
    if (this.remounts.length >= REMOUNTS_PER_MINUTE) {
      this._failure = 'removed';
      return false;
    }
    this.remounts.push(now);
    return true;
  }

  /** Our element's place on the page, watched: a page that removes it gets it back (bounded). */
  private watchHost(ui: FrameUi): void {
    const parent = ui.host.parentNode;
    if (!parent) return;
    const observer = new MutationObserver(
      safe(() => {
        if (ui.host.isConnected) return;
        observer.disconnect();
        if (this.ui === ui) this.render();
      }),
    );
    observer.observe(parent, { childList: true });
    this.scope.add(() => observer.disconnect());
  }

  private onLocate = (f: Finding): void => {
    const source = this.source.panel();
    if (!source) return;
    if (source.frameId === null) this.locate(f.id);
    else {
      this.selectedId = f.id;
      this.source.relay(source.frameId, { type: 'nianbao:locate', findingId: f.id });
      this.render();
    }
  };

  private onToggle = (): void => {
    this.collapsed = !this.collapsed;
    void saveCollapsed(this.collapsed).catch(report);
    this.render();
  };

  private onClose = (): void => {
    const source = this.source.panel();
    this._shown = false;
    if (source && source.frameId !== null) this.source.relay(source.frameId, { type: 'nianbao:hide' });
    this.render();
  };

  private onMarkActivate = (spec: { findings: Finding[] }): void => {
    const f = spec.findings[0];
    if (!f) return;
    this.selectedId = f.id;
    this.collapsed = false;
    this.render();
  };

  private async draw(): Promise<void> {
    if (!this.scope.alive) return;
    const reading = this.source.reading();
    const own = reading?.analysis.record ?? null;
    const source = this.source.panel();
    const wantMarks = this._shown && (own?.findings.some((f) => f.status === 'fail') ?? false);
    const wantPanel = this._shown && source !== null;
    // No report to show, and the page lists reports: the panel offers to check them.
    const listing = !own && !source ? (this.source.listing?.() ?? null) : null;
    const wantListing = this._shown && listing !== null;
    if (!wantMarks && !wantPanel && !wantListing) {
      this.teardown();
      return;
    }
    if (this.ui && !this.ui.host.isConnected) {
      // The page removed our element (rebuilt its body, or cleared what it does not know): mount again.
      this.dropMarks();
      this.ui.remove();
      this.ui = null;
      if (!this.mayRemount()) return;
    }
    if (!this.ui) {
      if (!document.body || this._failure === 'removed') return;
      await this.loadPrefs();
      try {
        this.ui = await this.mount(this.ctx);
      } catch (e) {
        this._failure = 'mount';
        throw e;
      }
      if (!this.scope.alive) return this.teardown();
      this.watchHost(this.ui);
    }
    const ui = this.ui;
    const theme = themeFor(document, this.source.reading()?.analysis.body ?? null);
    ui.setTheme(theme);

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
          onEscape: this.onMarkEscape,
          isControl: (e) => isPanelControl(e),
        });
        this.marks.setReviews(this.reviews);
      }
      if (this.marksFor !== own) {
        this.marksFor = own;
        this.marks.set(own, markSpecs(own.findings).values());
      }
    } else this.dropMarks();

    this.followReviews(wantPanel && source ? source.record : own);
    if (wantPanel && source) {
      const previous = source.frameId === null ? this.source.previous() : undefined;
      const props: PanelProps = {
        record: source.record,
        collapsed: this.collapsed,
        theme,
        fromFrame: source.frameId !== null,
        selectedId: this.selectedId,
        dock: this.dockNow ?? this.dock,
        maxHeight: this.maxHeight,
        reviews: this.reviews,
        onToggle: this.onToggle,
        onClose: this.onClose,
        onLocate: this.onLocate,
        onDock: this.onDock,
        onReview: this.onReview,
        onCopy: this.onCopy,
        onSkip: this.onSkip,
        onOpenAttachment: (file) => void openAttachment(file).catch(() => undefined),
        ...(previous !== undefined ? { previous } : {}),
        ...(source.frameId === null && this.marks ? { marks: this.marks.count } : {}),
      };
      ui.panel(props);
    } else if (wantListing && listing)
      ui.listing({
        listing,
        theme,
        dock: this.dock,
        collapsed: this.collapsed,
        onToggle: this.onToggle,
        onClose: this.onClose,
        onOpen: (target) => void toBackground({ type: 'nianbao:workbench', target }),
      });
    else ui.panel(null);
  }

  private dropMarks(): void {
    this.marks?.destroy();
    this.marks = null;
    this.marksFor = null;
  }

  private teardown(): void {
    this.unwatchReviews?.();
    this.unwatchReviews = null;
    this.reviewsFor = null;
    this.dropMarks();
    this.ui?.remove();
    this.ui = null;
  }
}

/** The pointer is on one of the panel's controls (there, hovering does not explain the cell beneath). */
function isPanelControl(e: PointerEvent): boolean {
  for (const n of e.composedPath()) {
    if (!(n instanceof Element)) continue;
    if (n.matches('button, a, textarea, input, select, summary, .pill')) return true;
    if (n.matches('.nb-root')) return false;
  }
  return false;
}
