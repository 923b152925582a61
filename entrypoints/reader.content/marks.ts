/**
 * Marks over the page's cells. Nothing is inserted into the page's tables and no page element is
 * restyled: each mark is a box in our own shadow root, laid over its cell and moved when the page
 * reflows (rAF-throttled, on scroll, resize, ResizeObserver and a slow heartbeat). Marks ignore the
 * pointer, so the cells stay selectable; hovering a cell is detected from the page's own pointer
 * events, and each mark is focusable, so the explanation is reachable by keyboard too.
 */
import { MarkTip, markLabel } from '@/components/MarkTip';
import type { ReportRecord } from '@/lib';
import type { MarkSpec } from '@/utils/findings';
import { t } from '@/utils/i18n';
import { Clipper } from './clip';
import { nextIndex } from './roving';
import { safe } from './safe';
import type { Scope } from './scope';
import { TipBox } from './tip';

interface Mark {
  spec: MarkSpec;
  box: HTMLElement;
  el: Element | null;
}

export interface MarkLayerOptions {
  /** The marks' lifetime: every listener and timer ends with it. */
  scope: Scope;
  doc: Document;
  /** Absolutely positioned layer in the shadow root; marks are placed relative to it. */
  layer: HTMLElement;
  /** Fixed-position tooltip container in the shadow root. */
  tip: HTMLElement;
  /** Find a cell's element (again): the live one, else by position and text; null when it is gone. */
  resolve: (spec: MarkSpec) => Element | null;
  /** Enter on a focused mark: select its first finding in the panel. */
  onActivate?: (spec: MarkSpec) => void;
  /** The number of marks whose cell could not be found changed. */
  onLost?: (lost: number) => void;
}

const FLASH_MS = 2400;
const HEARTBEAT_MS = 1000;

export class MarkLayer {
  private marks: Mark[] = [];
  private byElement = new Map<Element, Mark>();
  private record: ReportRecord | null = null;
  private frame = 0;
  private readonly tip: TipBox<Mark>;
  private lost = 0;
  private readonly resizeObserver: ResizeObserver;
  private readonly clipper: Clipper;
  private readonly scope: Scope;

  constructor(private readonly o: MarkLayerOptions) {
    const { doc } = o;
    const scope = o.scope.child();
    this.scope = scope;
    const view = doc.defaultView as Window;
    this.tip = new TipBox(o.tip, view);
    this.clipper = new Clipper(doc);
    const schedule = () => this.schedule();
    this.resizeObserver = new ResizeObserver(safe(schedule));
    this.resizeObserver.observe(doc.documentElement);
    scope.add(() => {
      this.clear();
      this.resizeObserver.disconnect();
    });
    scope.on(view, 'resize', schedule, { passive: true });
    // Capture: scrolling inside any scroll container of the page moves its cells too.
    scope.on(doc, 'scroll', schedule, { capture: true, passive: true });
    scope.on(doc, 'pointerover', (e) => this.onPointer(e), { capture: true, passive: true });
    scope.on(doc.documentElement, 'pointerleave', () => this.hideTip(), { passive: true });
    if (doc.fonts) scope.on(doc.fonts, 'loadingdone', schedule);
    scope.interval(schedule, HEARTBEAT_MS);
    scope.on<KeyboardEvent>(o.layer, 'keydown', (e) => this.onKey(e));
  }

  /** Replace all marks: one per cell of the failing findings. */
  set(record: ReportRecord, specs: Iterable<MarkSpec>): void {
    this.clear();
    this.record = record;
    this.o.layer.setAttribute('aria-label', t('marks.label'));
    for (const spec of specs) {
      const box = this.o.layer.ownerDocument.createElement('button');
      box.type = 'button';
      box.className = 'mark';
      box.dataset.ref = spec.key;
      // The hook tests rely on (record.md): the cell reference joined by dots.
      box.dataset.cell = `${spec.ref.table}.${spec.ref.row}.${spec.ref.column}`;
      box.dataset.severity = spec.severity;
      if (spec.suspect) box.dataset.suspect = '';
      box.setAttribute('aria-label', markLabel(record, spec));
      box.setAttribute('aria-describedby', 'nb-tip');
      if (spec.suspect) {
        const tag = box.ownerDocument.createElement('span');
        tag.className = 'mark-tag';
        tag.setAttribute('aria-hidden', 'true');
        tag.textContent = '?';
        box.append(tag);
      }
      const mark: Mark = { spec, box, el: null };
      box.addEventListener(
        'focus',
        safe(() => this.showTip(mark)),
      );
      box.addEventListener(
        'blur',
        safe(() => this.hideTip()),
      );
      box.addEventListener(
        'click',
        safe(() => this.o.onActivate?.(spec)),
      );
      this.marks.push(mark);
    }
    this.marks.sort((a, b) => this.order(a, b));
    // One tab stop for all marks (roving tabindex): the arrow keys move between them.
    this.marks.forEach((m, i) => {
      m.box.tabIndex = i === 0 ? 0 : -1;
    });
    this.o.layer.append(...this.marks.map((m) => m.box));
    this.layout();
  }

  /** The page order of two marks' cells, so Tab moves through them as a reader reads. */
  private order(a: Mark, b: Mark): number {
    const ea = this.locate(a);
    const eb = this.locate(b);
    if (!ea || !eb || ea === eb) return 0;
    return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }

  private locate(m: Mark): Element | null {
    if (m.el?.isConnected) return m.el;
    const el = this.o.resolve(m.spec);
    if (el !== m.el) {
      if (m.el) {
        this.byElement.delete(m.el);
        this.resizeObserver.unobserve(m.el);
      }
      m.el = el;
      if (el) {
        this.byElement.set(el, m);
        this.resizeObserver.observe(el);
      }
    }
    return el;
  }

  get count(): { shown: number; lost: number } {
    return { shown: this.marks.length - this.lost, lost: this.lost };
  }

  /** Forget the elements found so far (after a re-read of the page), and find them again. */
  relocate(): void {
    for (const m of this.marks) {
      if (m.el) {
        this.byElement.delete(m.el);
        this.resizeObserver.unobserve(m.el);
      }
      m.el = null;
    }
    this.layout();
  }

  schedule(): void {
    if (this.frame || this.marks.length === 0) return;
    this.frame = this.scope.frame(() => {
      this.frame = 0;
      this.layout();
    });
  }

  /** Place every mark over its cell, clipped to the cell's scroll containers. */
  layout(): void {
    const base = this.o.layer.getBoundingClientRect();
    let lost = 0;
    for (const m of this.marks) {
      const el = this.locate(m);
      if (!el) {
        lost++;
        m.box.hidden = true;
        continue;
      }
      const { left, top, right, bottom } = this.clipper.visibleBox(el);
      const visible = right - left > 0.5 && bottom - top > 0.5;
      m.box.hidden = !visible;
      if (!visible) continue;
      const s = m.box.style;
      s.transform = `translate(${left - base.left}px, ${top - base.top}px)`;
      s.width = `${right - left}px`;
      s.height = `${bottom - top}px`;
    }
    if (lost !== this.lost) {
      this.lost = lost;
      this.o.onLost?.(lost);
    }
    if (this.tip.current) this.tip.place(this.tip.current.el);
  }

  /** The focused element inside our shadow root (the document only sees the host). */
  private focused(): Element | null {
    return (this.o.layer.getRootNode() as ShadowRoot | Document).activeElement ?? null;
  }

  /** Arrow keys, Home and End move between marks in reading order; Escape hides the explanation. */
  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      this.hideTip();
      return;
    }
    const focused = this.focused();
    const at = this.marks.findIndex((m) => m.box === focused);
    if (at < 0) return;
    const next = nextIndex(e.key, at, this.marks.length, (i) => !this.marks[i]?.box.hidden);
    if (next === null) return;
    e.preventDefault();
    const target = this.marks[next];
    if (target && next !== at) {
      for (const m of this.marks) m.box.tabIndex = m === target ? 0 : -1;
      this.hideTip();
      target.box.focus();
      this.showTip(target);
    }
  }

  private onPointer(e: Event): void {
    const target = e.target as Element | null;
    // A page's cells; on the attachment page, the boxes laid over a rendered PDF page's cells.
    const cell = target?.closest?.('td, th, [data-pdf-cell]');
    const mark = cell ? this.byElement.get(cell) : undefined;
    if (mark) this.showTip(mark);
    else if (this.tip.current && this.focused() !== this.tip.current.box) this.hideTip();
  }

  private showTip(m: Mark): void {
    const record = this.record;
    if (!record) return;
    this.tip.show(m, () => MarkTip({ record, mark: m.spec }), m.el);
  }

  hideTip(): void {
    this.tip.hide();
  }

  /** Draw attention to cells: their marks pulse; cells with no mark get a passing highlight. */
  flash(keys: string[], extra: Element[] = []): void {
    const keySet = new Set(keys);
    const doc = this.o.layer.ownerDocument;
    const boxes: HTMLElement[] = [];
    for (const m of this.marks) {
      if (!keySet.has(m.spec.key)) continue;
      m.box.removeAttribute('data-flash');
      void m.box.offsetWidth; // restart the animation
      m.box.dataset.flash = '';
      boxes.push(m.box);
    }
    const base = this.o.layer.getBoundingClientRect();
    const temps = extra.map((el) => {
      const r = el.getBoundingClientRect();
      const box = doc.createElement('div');
      box.className = 'flash-only';
      box.dataset.flash = '';
      box.style.transform = `translate(${r.left - base.left}px, ${r.top - base.top}px)`;
      box.style.width = `${r.width}px`;
      box.style.height = `${r.height}px`;
      this.o.layer.append(box);
      return box;
    });
    this.scope.timeout(() => {
      for (const b of boxes) b.removeAttribute('data-flash');
      for (const b of temps) b.remove();
    }, FLASH_MS);
  }

  private clear(): void {
    this.hideTip();
    for (const m of this.marks) {
      m.box.remove();
      if (m.el) this.resizeObserver.unobserve(m.el);
    }
    this.marks = [];
    this.byElement.clear();
    this.lost = 0;
  }

  /** Remove every mark and stop following the page. */
  destroy(): void {
    this.scope.dispose();
  }
}
