/** One pending timer per tab (its next look, its stalled-load net): setting one replaces the one before. */
export class TabTimers {
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();

  set(tabId: number, fn: () => void, ms: number): void {
    this.cancel(tabId);
    this.timers.set(
      tabId,
      setTimeout(() => {
        this.timers.delete(tabId);
        fn();
      }, ms),
    );
  }

  cancel(tabId: number): void {
    clearTimeout(this.timers.get(tabId));
    this.timers.delete(tabId);
  }
}
