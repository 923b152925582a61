/**
 * Ctrl-C (SIGINT) and SIGTERM stop a run cleanly: the batch is aborted (workers end at once), the
 * command unwinds through its `finally` blocks (the scratch folder under $TMPDIR is removed) and
 * exits with the conventional status, 128 + the signal's number. A second signal, or a run that
 * has not unwound within a few seconds, runs `cleanup` synchronously and exits at once. (In one
 * thread, a signal is seen when the page being parsed is done: the page limits bound that wait.)
 */
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const GRACE_MS = 5000;

export interface Interrupt {
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM; undefined while not interrupted. */
  status(): number | undefined;
  dispose(): void;
}

export function watchInterrupts(cleanup: () => void): Interrupt {
  const controller = new AbortController();
  let status: number | undefined;
  let grace: NodeJS.Timeout | undefined;
  const now = () => {
    cleanup();
    process.exit(status);
  };
  const on = (name: (typeof SIGNALS)[number]) => {
    if (status !== undefined) return now();
    status = 128 + constants.signals[name];
    controller.abort(new Error(`interrupted by ${name}`));
    grace = setTimeout(now, GRACE_MS).unref();
  };
  const handlers = SIGNALS.map((name) => [name, () => on(name)] as const);
  for (const [name, h] of handlers) process.on(name, h);
  return {
    signal: controller.signal,
    status: () => status,
    dispose: () => {
      clearTimeout(grace);
      for (const [name, h] of handlers) process.off(name, h);
    },
  };
}
