/**
 * One task at a time: each `serial()` is a queue whose tasks start only after the one before has
 * settled (fulfilled or not), so concurrent callers never interleave their reads and writes.
 */
export function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
