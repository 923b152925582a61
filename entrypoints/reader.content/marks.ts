/**
 * Marks over the page's cells. Nothing is inserted into the page's tables and no page element is
 * restyled: each mark is a box in our own shadow root, laid over its cell and moved when the page
 * reflows (rAF-throttled, on scroll, resize, ResizeObserver, a change of the page's zoom or
 * transform on <html> or <body>, and a slow heartbeat), in the layer's own scale (a zoomed or
 * scaled page scales our layer too when it is inside what is scaled). Marks ignore the pointer, so
 * the cells stay selectable; hovering is told from the pointer's place against the marks' boxes
 * (so a cell under our own panel or tip is still explained), and each mark is focusable, the arrow
 * keys moving through them as through a grid.
 */
import { MarkTip, markLabel } from '@/components/MarkTip';
import type { ReportRecord } from '@/lib';
import type { MarkSpec } from '@/utils/findings';
import { t } from '@/utils/i18n';
import type { Reviews } from '@/utils/reviews/store';
import { type Box, Clipper } from './clip';
import { gridIndex } from './roving';
import { safe } from './safe';
import type { Scope } from './scope';
import { TipBox } from './tip';

interface Mark {
  spec: MarkSpec;
  box: HTMLElement;
  el: Element | null;
  /** Where the mark was last laid, in the window (null: not shown). */
  rect: Box | null;
  tag: HTMLElement | null;
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
  /** Escape on a focused mark (its tip already hidden): the keyboard goes back to the panel. */
  onEscape?: (spec: MarkSpec) => void;
  /** The pointer over our own panel: hover there explains a cell beneath only off the panel's controls. */
  isControl?: (e: PointerEvent) => boolean;
}

const FLASH_MS = 2400;
const HEARTBEAT_MS = 1000;

export class MarkLayer {
  private marks: Mark[] = [];
  private record: ReportRecord | null = null;
  private frame = 0;
  private readonly tip: TipBox<Mark>;
  private lost = 0;
  private readonly resizeObserver: ResizeObserver;
  private readonly clipper: Clipper;
  private readonly scope: Scope;
  private readonly probe: HTMLElement;
  private reviews: Reviews = {};
  private pointer: { x: number; y: number; control: boolean } | null = null;
  private hoverFrame = 0;

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
    // A 100 px box in the layer: how much the page's zoom or transform scales what we draw.
    this.probe = doc.createElement('div');
    this.probe.className = 'scale-probe';
    this.probe.setAttribute('aria-hidden', 'true');
    o.layer.append(this.probe);
    // 适老化 modes switch zoom or a transform on <html> or <body> by a class or a style.
    const styles = new MutationObserver(safe(schedule));
    for (const el of [doc.documentElement, doc.body]) {
      if (el) styles.observe(el, { attributes: true, attributeFilter: ['style', 'class'] });
    }
    scope.add(() => styles.disconnect());
    scope.add(() => {
      this.clear();
      this.resizeObserver.disconnect();
    });
    scope.on(view, 'resize', schedule, { passive: true });
    // Capture: scrolling inside any scroll container of the page moves its cells too.
    scope.on(doc, 'scroll', schedule, { capture: true, passive: true });
    scope.on(doc, 'pointermove', (e) => this.onPointer(e as PointerEvent), { capture: true, passive: true });
    scope.on(
      doc.documentElement,
      'pointerleave',
      () => {
        this.pointer = null;
        this.hideTip();
      },
      { passive: true },
    );
    scope.on(view, 'transitionend', schedule, { passive: true });
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
      const mark: Mark = { spec, box, el: null, rect: null, tag: box.querySelector('.mark-tag') };
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
    this.markReviews();
    this.layout();
  }

  /** A person's verdicts: a mark whose every finding was dismissed is drawn faint. */
  setReviews(reviews: Reviews): void {
    this.reviews = reviews;
    this.markReviews();
  }

  private markReviews(): void {
    for (const m of this.marks) {
      const dismissed = m.spec.findings.every((f) => this.reviews[f.id]?.status === 'dismissed');
      m.box.toggleAttribute('data-dismissed', dismissed);
    }
  }

  /** The keyboard to the first mark in view (the panel's skip link). */
  focusFirst(): void {
    const first = this.marks.find((m) => !m.box.hidden) ?? this.marks[0];
    if (!first) return;
    first.el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    this.layout();
    for (const m of this.marks) m.box.tabIndex = m === first ? 0 : -1;
    first.box.focus();
  }

  /** The window boxes of these marks' cells, in the order asked, as laid now (for placing the panel clear of them). */
  boxesOf(keys: readonly string[]): Box[] {
    this.layout();
    const byKey = new Map(this.marks.map((m) => [m.spec.key, m.rect]));
    return keys.map((k) => byKey.get(k)).filter((r): r is Box => r != null);
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
        this.resizeObserver.unobserve(m.el);
      }
      m.el = el;
      if (el) {
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

  /** Place every mark over its cell, clipped to the cell's scroll containers, in the layer's scale. */
  layout(): void {
    const base = this.o.layer.getBoundingClientRect();
    const p = this.probe.getBoundingClientRect();
    const sx = p.width > 0 ? p.width / 100 : 1;
    const sy = p.height > 0 ? p.height / 100 : 1;
    let lost = 0;
    for (const m of this.marks) {
      const el = this.locate(m);
      m.rect = null;
      if (!el) {
        lost++;
        m.box.hidden = true;
        continue;
      }
      const box = this.clipper.visibleBox(el);
      const { left, top, right, bottom } = box;
      const visible = right - left > 0.5 && bottom - top > 0.5;
      m.box.hidden = !visible;
      if (!visible) continue;
      m.rect = box;
      const s = m.box.style;
      s.transform = `translate(${(left - base.left) / sx}px, ${(top - base.top) / sy}px)`;
      s.width = `${(right - left) / sx}px`;
      s.height = `${(bottom - top) / sy}px`;
      if (m.tag) this.placeTag(m, el, box, sx, sy);
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

  /**
   * The "?" of the suspect cell, in a corner of the cell where it covers none of its text (the
   * digits stay readable: 「5,458」 is never 「5,45?」); no corner is free in a cell too small: no tag.
   */
  private placeTag(m: Mark, el: Element, box: Box, sx: number, sy: number): void {
    const tag = m.tag as HTMLElement;
    const w = 14 * sx;
    const h = 14 * sy;
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    const text = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    const corners: [number, number, string][] = [
      [box.right - w, box.top, 'tr'],
      [box.left, box.top, 'tl'],
      [box.right - w, box.bottom - h, 'br'],
      [box.left, box.bottom - h, 'bl'],
    ];
    const fits = box.right - box.left >= w && box.bottom - box.top >= h;
    const free = fits
      ? corners.find(([x, y]) => text.every((r) => x + w <= r.left || x >= r.right || y + h <= r.top || y >= r.bottom))
      : undefined;
    tag.hidden = !free;
    if (free) tag.dataset.corner = free[2];
  }

  /** Arrow keys move through the marks as a grid (down the column, along the row), Home and End to the ends; Escape hides the explanation, then leaves. */
  private onKey(e: KeyboardEvent): void {
    const focused = this.focused();
    const at = this.marks.findIndex((m) => m.box === focused);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (this.tip.current) this.hideTip();
      else if (at >= 0) this.o.onEscape?.((this.marks[at] as Mark).spec);
      return;
    }
    if (at < 0) return;
    this.layout();
    const next = gridIndex(
      e.key,
      at,
      this.marks.map((m) => (m.box.hidden ? null : m.rect)),
    );
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

  /** The pointer moved: once a frame, the mark under it (if any) is explained. */
  private onPointer(e: PointerEvent): void {
    this.pointer = { x: e.clientX, y: e.clientY, control: this.o.isControl?.(e) ?? false };
    if (this.hoverFrame) return;
    this.hoverFrame = this.scope.frame(() => {
      this.hoverFrame = 0;
      this.hover();
    });
  }

  private hover(): void {
    const p = this.pointer;
    const mark =
      p && !p.control
        ? this.marks.find((m) => m.rect && p.x >= m.rect.left && p.x < m.rect.right && p.y >= m.rect.top && p.y < m.rect.bottom)
        : undefined;
    if (mark) this.showTip(mark);
    else if (this.tip.current && this.focused() !== this.tip.current.box) this.hideTip();
  }

  private showTip(m: Mark): void {
    const record = this.record;
    if (!record) return;
    const reviews = this.reviews;
    this.tip.show(m, () => MarkTip({ record, mark: m.spec, reviews }), m.el);
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
    this.lost = 0;
  }

  /** Remove every mark and stop following the page. */
  destroy(): void {
    this.scope.dispose();
  }
}
