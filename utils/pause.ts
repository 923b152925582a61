/**
 * Give the page a turn between slices of work: `scheduler.yield()` where the browser has it (the
 * rest of the work resumes ahead of other queued tasks), else a new task. The reader's pause between
 * slices (entrypoints/reader.content/detect.ts), and the bench's when it reads the way the reader
 * does. No imports: the bench bundles it into pages with esbuild.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
