/**
 * Section 1: the extension's own time on pages that are not reports, where every gov.cn page pays
 * it: per load, the main-thread time in its code from a Chrome trace (the background's first look
 * in the page's world, and the reader where the look said "maybe"), beside the look's own
 * `nianbao` measure on the page's timeline.
 */
import type { Report } from './lib/report';
import { fmt, fmtInterval, medianInterval, summarize, under } from './lib/stats';
import { collectTrace, extensionTime, SCRIPT_CATEGORIES } from './lib/trace';
import type { Bench } from './run';

/** Long enough after the load for the first look, and for the reader where it comes. */
const AFTER_LOAD_MS = 600;

export async function runFirstLook(bench: Bench, report: Report) {
  const b = await bench.launch(bench.extension);
  const traced: number[] = [];
  const marked: number[] = [];
  const perPage: Record<string, { traced: number[]; marked: number[] }> = {};
  try {
    const page = await b.firstPage();
    const cdp = await b.context.newCDPSession(page);
    for (const url of bench.nonReport) {
      const mine = { traced: [] as number[], marked: [] as number[] };
      perPage[url] = mine;
      for (let i = 0; i < (bench.quick ? 3 : 8); i++) {
        // Nothing of Playwright's runs in the page while traced: its scripts have no URL either.
        const events = await collectTrace(cdp, SCRIPT_CATEGORIES, async () => {
          await page.goto(url, { waitUntil: 'load' });
          await page.waitForTimeout(AFTER_LOAD_MS);
        });
        mine.traced.push(extensionTime(events));
        const m = await page.evaluate(() => performance.getEntriesByName('nianbao')[0]?.duration);
        if (m !== undefined) mine.marked.push(m);
      }
      traced.push(...mine.traced);
      marked.push(...mine.marked);
    }
  } finally {
    await b.close();
  }
  const t = medianInterval(traced);
  const m = summarize(marked);
  report.row(
    '1',
    `non-report pages (${bench.nonReport.length}): the extension's main-thread time per load (trace)`,
    `${fmtInterval(t, ' ms')}; p95 ${fmt(summarize(traced).p95)} ms  (the look's own measure: ${fmt(m.median)}, p95 ${fmt(m.p95)} ms)`,
    '< 1 ms median',
    under(t, 1),
  );
  const worst = Object.entries(perPage).sort(([, a], [, b]) => summarize(b.traced).median - summarize(a.traced).median)[0];
  if (worst)
    report.row('1', `  the dearest of them (${worst[0].split('/').pop()}), median`, `${fmt(summarize(worst[1].traced).median)} ms`);
  return perPage;
}
