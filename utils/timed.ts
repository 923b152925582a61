/**
 * A script's start in a frame, on the page's timeline: `<name>:start` and `<name>:end` marks around
 * it and a `<name>` measure (the end-to-end tests and the bench read them). Nothing it runs throws
 * into the page. No imports: the loader carries it.
 */
export function timed(name: string, start: () => void, onError: (e: unknown) => void = () => {}): void {
  mark(`${name}:start`);
  try {
    start();
  } catch (e) {
    onError(e);
  }
  mark(`${name}:end`);
  try {
    performance.measure(name, `${name}:start`, `${name}:end`);
  } catch {
    // no timeline here: nothing to measure
  }
}

function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // no timeline here: nothing to mark
  }
}
