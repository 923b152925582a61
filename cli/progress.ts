/**
 * Progress on stderr while a run fetches, when stderr is a terminal (nothing otherwise, so scripts
 * and pipes get only the output): the listing pages read and the reports found, then the reports
 * done of all, how many could not be fetched, and the time left at the pace so far. One line,
 * rewritten in place, cleared at the end.
 */

export interface Progress {
  listing(pagesRead: number, pagesKnown: number, reports: number): void;
  report(done: number, total: number, failed: number): void;
  /** Clear the line (before the output, or on an interruption). */
  end(): void;
}

/** 75 s → 「1 min 15 s」. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function progress(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return { listing: () => undefined, report: () => undefined, end: () => undefined };
  let shown = false;
  let started: number | undefined;
  const show = (line: string) => {
    stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, (stream.columns ?? 80) - 1))}`);
    shown = true;
  };
  return {
    listing: (read, known, reports) => show(`nianbao: listing page ${read}/${known}, ${reports} report${reports === 1 ? '' : 's'} found`),
    report: (done, total, failed) => {
      started ??= now();
      const pace = done > 0 ? (now() - started) / done : undefined;
      const left = pace !== undefined && done < total ? `, about ${duration(pace * (total - done))} left` : '';
      show(`nianbao: report ${done}/${total}${failed ? ` (${failed} not fetched)` : ''}${left}`);
    },
    end: () => {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
