/**
 * The tooltip beside a marked cell: one at a time, below the cell when it fits, else above, always
 * inside the viewport (the tip is `position: fixed` in our shadow root).
 */
import { type ComponentChild, render } from 'preact';

export class TipBox<K> {
  private key: K | null = null;

  constructor(
    private readonly tip: HTMLElement,
    private readonly view: Window,
  ) {}

  /** What the tip is showing now, or null. */
  get current(): K | null {
    return this.key;
  }

  /** Show `content` for `key` beside `cell` (nothing changes when it already shows `key`). */
  show(key: K, content: () => ComponentChild, cell: Element | null): void {
    if (this.key === key) return;
    this.key = key;
    render(content(), this.tip);
    this.tip.hidden = false;
    this.place(cell);
  }

  hide(): void {
    if (this.key === null) return;
    this.key = null;
    this.tip.hidden = true;
    render(null, this.tip);
  }

  /** Below the cell when it fits, else above; always inside the viewport. */
  place(cell: Element | null): void {
    if (!cell) return;
    const r = cell.getBoundingClientRect();
    const w = this.tip.offsetWidth;
    const h = this.tip.offsetHeight;
    const gap = 6;
    const vw = this.view.innerWidth;
    const vh = this.view.innerHeight;
    let top = r.bottom + gap;
    if (top + h > vh - 4 && r.top - gap - h >= 4) top = r.top - gap - h;
    top = Math.max(4, Math.min(top, vh - h - 4));
    const left = Math.max(4, Math.min(r.left, vw - w - 4));
    this.tip.style.transform = `translate(${left}px, ${top}px)`;
  }
}
