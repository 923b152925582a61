/**
 * What one frame shows: the marks over its report's cells and, for the report the panel is about,
 * the panel, both in our one shadow root. Drawn from the state one render at a time; also takes the
 * reader's own actions on them (fold, close, pick a finding, Enter on a mark).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { PanelProps } from '@/components/Panel';
import { type CellRef, type Finding, type ReportRecord, refKey } from '@/lib';
import { findingRefs, markSpecs } from '@/utils/findings';
import type { Message } from '@/utils/messages';
import { loadCollapsed, loadLang, onLangChange, saveCollapsed } from '@/utils/prefs';
import type { Reading } from './detect';
import type { PanelSource } from './hosting';
import { MarkLayer } from './marks';
import { resolver } from './refind';
import { report } from './safe';
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
}

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
      const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      first.el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
      const marked = new Set(this.marksFor ? markSpecs(this.marksFor.findings).keys() : []);
      const keys = found.map((x) => refKey(x.ref));
      this.marks?.flash(
        keys.filter((k) => marked.has(k)),
        found.filter((_, i) => !marked.has(keys[i] as string)).map((x) => x.el),
      );
    }
    this.render();
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
    if (!wantMarks && !wantPanel) {
      this.teardown();
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
      this.ui = await this.mount(this.ctx);
      if (!this.scope.alive) return this.teardown();
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
        theme,
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

  private teardown(): void {
    this.dropMarks();
    this.ui?.remove();
    this.ui = null;
  }
}
