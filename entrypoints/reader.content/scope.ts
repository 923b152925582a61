/**
 * A lifetime inside the content script's `ctx`: listeners, timers and frames registered here end
 * when the scope is disposed (the panel closes, the page navigates) or when `ctx` is invalidated
 * (the extension is updated or reloaded), whichever comes first. Every callback runs through `safe`.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { safe } from './safe';

export class Scope {
  private readonly ac = new AbortController();
  private readonly timers = new Set<number>();
  private readonly intervals = new Set<number>();
  private readonly frames = new Set<number>();
  private readonly cleanups: (() => void)[] = [];
  private readonly detach: () => void;

  constructor(readonly ctx: ContentScriptContext) {
    this.detach = ctx.onInvalidated(() => this.dispose());
  }

  get alive(): boolean {
    return !this.ac.signal.aborted && this.ctx.isValid;
  }

  on<E extends Event = Event>(target: EventTarget, type: string, fn: (e: E) => unknown, opts: AddEventListenerOptions = {}): void {
    if (!this.alive) return;
    target.addEventListener(type, safe(fn as (e: Event) => unknown), { ...opts, signal: this.ac.signal });
  }

  timeout(fn: () => unknown, ms: number): number {
    const id = window.setTimeout(() => {
      this.timers.delete(id);
      if (this.alive) safe(fn)();
    }, ms);
    this.timers.add(id);
    return id;
  }

  clearTimeout(id: number | undefined): void {
    if (id === undefined) return;
    window.clearTimeout(id);
    this.timers.delete(id);
  }

  interval(fn: () => unknown, ms: number): number {
    const id = window.setInterval(() => {
      if (this.alive) safe(fn)();
    }, ms);
    this.intervals.add(id);
    return id;
  }

  frame(fn: () => unknown): number {
    const id = window.requestAnimationFrame(() => {
      this.frames.delete(id);
      if (this.alive) safe(fn)();
    });
    this.frames.add(id);
    return id;
  }

  /** Run when the scope ends (disconnect an observer, unmount a view). */
  add(cleanup: () => void): void {
    if (this.alive) this.cleanups.push(cleanup);
    else safe(cleanup)();
  }

  /** A scope that ends with this one, or earlier. */
  child(): Scope {
    const c = new Scope(this.ctx);
    this.add(() => c.dispose());
    return c;
  }

  dispose(): void {
    if (this.ac.signal.aborted) return;
    this.ac.abort();
    for (const id of this.timers) window.clearTimeout(id);
    for (const id of this.intervals) window.clearInterval(id);
    for (const id of this.frames) window.cancelAnimationFrame(id);
    this.timers.clear();
    this.intervals.clear();
    this.frames.clear();
    for (const c of this.cleanups.splice(0).reverse()) safe(c)();
    this.detach();
  }
}
