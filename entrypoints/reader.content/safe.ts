/** Nothing the extension does may throw into the page: every callback the page can trigger goes through `safe`. */
export function safe<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    try {
      const r = fn(...args);
      if (r instanceof Promise) r.catch(report);
    } catch (e) {
      report(e);
    }
  };
}

export function report(e: unknown): void {
  try {
    console.debug('[年报核查]', e);
  } catch {
    // a page may have replaced console; there is nothing left to do
  }
}
