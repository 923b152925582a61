/**
 * A PDF shown as its pages: one box per page at the page's proportions, each drawn on a canvas by
 * pdf.js only when it comes near the viewport, at the screen's pixel density (and drawn again when
 * its width or the density changes); over each page, an invisible box per table cell read from it
 * (`data-pdf-cell`, placed from the cell's `box` in PDF units), which the reader's mark layer marks
 * as it marks a web page's cells.
 */
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist/types/src/display/api';
import type { PageViewport } from 'pdfjs-dist/types/src/display/display_utils';
import { type Cell, type ReportRecord, refKey, type TableKey } from '@/lib';
import { t } from '@/utils/i18n';

/** A page is drawn this far ahead of the viewport, so scrolling meets drawn pages. */
const AHEAD = '100% 0px';
type CellBox = NonNullable<Cell['box']>;
/** CSS pixels per PDF unit at most (a page 595 units wide is shown at most ~890 px wide). */
const MAX_ZOOM = 1.5;

interface Page {
  n: number;
  el: HTMLElement;
  canvas: HTMLCanvasElement;
  /** At scale 1: one CSS pixel per PDF unit. */
  viewport: PageViewport;
  proxy: PDFPageProxy;
  /** The canvas width in device pixels it was last drawn at (0: not drawn). */
  drawnAt: number;
  task: RenderTask | null;
  visible: boolean;
}

/** Where a cell's box lies on its page, as fractions of the page (top left origin). */
export function cellRect(
  viewport: PageViewport,
  view: number[],
  box: CellBox,
): { left: number; top: number; width: number; height: number } {
  const [x0 = 0, y0 = 0] = view;
  const [ax, ay, bx, by] = viewport.convertToViewportRectangle([
    x0 + box.x,
    y0 + box.y,
    x0 + box.x + box.w,
    y0 + box.y + box.h,
  ]) as number[];
  const left = Math.min(ax as number, bx as number);
  const top = Math.min(ay as number, by as number);
  return {
    left: left / viewport.width,
    top: top / viewport.height,
    width: Math.abs((bx as number) - (ax as number)) / viewport.width,
    height: Math.abs((by as number) - (ay as number)) / viewport.height,
  };
}

const pct = (f: number) => `${(f * 100).toFixed(4)}%`;

export class PdfView {
  readonly element: HTMLElement;
  /** `refKey(cell)` → the box over that cell on its page. */
  readonly cells = new Map<string, Element>();
  private pages: Page[] = [];
  private observer: IntersectionObserver | null = null;
  private resize: ResizeObserver | null = null;
  private dpr = 1;
  private dprQuery: MediaQueryList | null = null;
  private destroyed = false;

  constructor(
    private readonly pdf: PDFDocumentProxy,
    private readonly doc: Document = document,
  ) {
    this.element = doc.createElement('div');
    this.element.className = 'pdf-pages';
  }

  get pageCount(): number {
    return this.pdf.numPages;
  }

  /** Lay out every page (its size only: nothing is drawn yet) and the boxes of the record's cells. */
  async build(record: ReportRecord | null): Promise<void> {
    for (let n = 1; n <= this.pdf.numPages; n++) {
      const proxy = await this.pdf.getPage(n);
      const viewport = proxy.getViewport({ scale: 1 });
      const el = this.doc.createElement('section');
      el.className = 'pdf-page';
      el.dataset.page = String(n);
      // The page's size in PDF units, in which the record's cell boxes are given.
      el.dataset.width = String(viewport.width);
      el.dataset.height = String(viewport.height);
      el.setAttribute('aria-label', t('attachment.page', [String(n)]));
      el.style.width = `${Math.round(viewport.width * MAX_ZOOM)}px`;
      el.style.aspectRatio = `${viewport.width} / ${viewport.height}`;
      const canvas = this.doc.createElement('canvas');
      canvas.setAttribute('aria-hidden', 'true');
      el.append(canvas);
      this.element.append(el);
      this.pages.push({ n, el, canvas, viewport, proxy, drawnAt: 0, task: null, visible: false });
    }
    if (record) this.placeCells(record);
    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: AHEAD });
    for (const p of this.pages) this.observer.observe(p.el);
    // A page's width follows the window: draw the visible ones again at their new width.
    this.resize = new ResizeObserver(() => this.drawVisible());
    this.resize.observe(this.element);
    this.watchDensity();
  }

  /** Boxes over every cell that has one, in page order then top to bottom (the marks' keyboard order). */
  private placeCells(record: ReportRecord): void {
    const boxes: { key: string; box: CellBox }[] = [];
    for (const table of Object.keys(record.tables) as TableKey[]) {
      for (const [row, cols] of Object.entries(record.tables[table] ?? {})) {
        for (const [column, cell] of Object.entries(cols)) if (cell.box) boxes.push({ key: refKey({ table, row, column }), box: cell.box });
      }
    }
    boxes.sort((a, b) => a.box.page - b.box.page || b.box.y + b.box.h - (a.box.y + a.box.h) || a.box.x - b.box.x);
    for (const { key, box } of boxes) {
      const page = this.pages[box.page - 1];
      if (!page) continue;
      const r = cellRect(page.viewport, page.proxy.view, box);
      const el = this.doc.createElement('div');
      el.className = 'pdf-cell';
      el.dataset.pdfCell = key;
      el.style.left = pct(r.left);
      el.style.top = pct(r.top);
      el.style.width = pct(r.width);
      el.style.height = pct(r.height);
      page.el.append(el);
      this.cells.set(key, el);
    }
  }

  /** Draw again at a new pixel density (a window moved to another screen, a zoom). */
  private watchDensity(): void {
    const view = this.doc.defaultView as Window;
    this.dpr = view.devicePixelRatio || 1;
    this.dprQuery?.removeEventListener('change', this.onDensity);
    this.dprQuery = view.matchMedia(`(resolution: ${this.dpr}dppx)`);
    this.dprQuery.addEventListener('change', this.onDensity);
  }

  private onDensity = (): void => {
    this.watchDensity();
    this.drawVisible();
  };

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const page = this.pages.find((p) => p.el === e.target);
      if (!page) continue;
      page.visible = e.isIntersecting;
      if (page.visible) void this.draw(page);
    }
  }

  private drawVisible(): void {
    for (const p of this.pages) if (p.visible) void this.draw(p);
  }

  /** Draw a page at its shown width × the pixel density, unless it is drawn so already. */
  private async draw(page: Page): Promise<void> {
    const cssWidth = page.el.clientWidth;
    if (this.destroyed || cssWidth === 0) return;
    const width = Math.round(cssWidth * this.dpr);
    if (page.drawnAt === width) return;
    page.task?.cancel();
    page.drawnAt = width;
    const viewport = page.proxy.getViewport({ scale: width / page.viewport.width });
    // Draw off screen, then swap: the page never shows blank while it is drawn again.
    const canvas = this.doc.createElement('canvas');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    canvas.setAttribute('aria-hidden', 'true');
    const task = page.proxy.render({ canvas, viewport });
    page.task = task;
    try {
      await task.promise;
    } catch {
      // cancelled for a newer drawing, or the document was closed
      if (page.task === task) page.drawnAt = 0;
      return;
    }
    if (page.task !== task || this.destroyed) return;
    page.task = null;
    page.canvas.replaceWith(canvas);
    page.canvas = canvas;
    page.el.dataset.drawn = String(width);
  }

  /** Stop drawing and let pdf.js free the document. */
  destroy(): void {
    this.destroyed = true;
    this.observer?.disconnect();
    this.resize?.disconnect();
    this.dprQuery?.removeEventListener('change', this.onDensity);
    for (const p of this.pages) p.task?.cancel();
    void this.pdf.destroy();
  }
}
