/**
 * Section 2: a report page read cold, as a user meets it (a fresh browser per run): the time from
 * the page's load to the panel, and the longest main-thread task in between (a Chrome trace of the
 * page's renderer), beside the reader's own longest reading slice. An ordinary report page and the
 * largest one, alternately, so both see the same machine.
 */
import type { CDPSession } from 'playwright-core';
import { askTab, tabIdOf } from '../tests/harness/tabs';
import type { Report } from './lib/report';
import { fmt, fmtInterval, medianInterval, under } from './lib/stats';
import { collectTrace, longestTask, TASK_CATEGORIES } from './lib/trace';
import { LARGEST, ORDINARY } from './pages';
import type { Bench } from './run';

const PANEL_MARK = 'bench:panel';

/**
 * Set in the page before it loads: marks PANEL_MARK on the page's timeline when the panel is in
 * the extension's shadow root (a MutationObserver's callback runs before the next paint). A string,
 * not a function: the test runner's transform would give a function helpers the page lacks.
 */
const WATCH_PANEL = `addEventListener('load', () => {
  const done = (host) => { if (host.shadowRoot.querySelector('.panel')) { performance.mark('${PANEL_MARK}'); return true; } return false; };
  const outer = new MutationObserver(() => {
    const host = document.querySelector('nianbao-check');
    if (!host || !host.shadowRoot) return;
    outer.disconnect();
    if (done(host)) return;
    const inner = new MutationObserver(() => done(host) && inner.disconnect());
    inner.observe(host.shadowRoot, { childList: true, subtree: true });
  });
  outer.observe(document.documentElement, { childList: true, subtree: true });
});`;

/** Ask the page over CDP (Playwright's evaluate would first put its own large script into the page). */
async function inPage<T>(cdp: CDPSession, expression: string): Promise<T> {
  const r = (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })) as { result: { value: T } };
  return r.result.value;
}

interface Run {
  loadToPanel: number;
  longestTask: number;
  readerSlice: number;
}

async function once(bench: Bench, url: string): Promise<Run> {
  const b = await bench.launch(bench.extension);
  try {
    const page = await b.firstPage();
    await page.addInitScript({ content: WATCH_PANEL });
    const cdp = await b.context.newCDPSession(page);
    const events = await collectTrace(cdp, TASK_CATEGORIES, async () => {
      await page.goto(url, { waitUntil: 'load' });
      const until = Date.now() + 15_000;
      while (!(await inPage<boolean>(cdp, `performance.getEntriesByName('${PANEL_MARK}').length > 0`))) {
        if (Date.now() > until) throw new Error(`no panel on ${url} within 15 s`);
        await new Promise((ok) => setTimeout(ok, 25));
      }
    });
    const loadToPanel = await inPage<number>(
      cdp,
      `performance.getEntriesByName('${PANEL_MARK}')[0].startTime - performance.getEntriesByType('navigation')[0].loadEventEnd`,
    );
    const sw = b.sw as NonNullable<typeof b.sw>;
    const state = await askTab<{ analysisLongestMs?: number }>(sw, await tabIdOf(sw, page), { type: 'nianbao:ping' }, 0);
    return { loadToPanel, longestTask: longestTask(events, PANEL_MARK), readerSlice: state?.analysisLongestMs ?? Number.NaN };
  } finally {
    await b.close();
  }
}

export async function runReportPage(bench: Bench, report: Report) {
  const pages = [
    { name: ORDINARY, url: bench.site.url(`/fixtures/${ORDINARY}`), runs: [] as Run[] },
    { name: LARGEST, url: bench.site.url(`/gen/${LARGEST}`), runs: [] as Run[] },
  ];
  const rounds = bench.quick ? 3 : 8;
  for (let i = 0; i < rounds; i++)
    for (const p of pages) {
      try {
        p.runs.push(await once(bench, p.url));
      } catch (e) {
        report.note(`${p.name}, run ${i + 1}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    }
  for (const p of pages) {
    const what = p.name === LARGEST ? `the largest report page (${LARGEST})` : `an ordinary report page (${ORDINARY})`;
    const toPanel = medianInterval(p.runs.map((r) => r.loadToPanel));
    const task = medianInterval(p.runs.map((r) => r.longestTask));
    const slice = medianInterval(p.runs.map((r) => r.readerSlice));
    report.row('2', `${what}, cold: load → panel`, fmtInterval(toPanel, ' ms'), '< 1,000 ms', under(toPanel, 1000));
    report.row(
      '2',
      '  the longest main-thread task from load to panel',
      `${fmtInterval(task, ' ms')}; worst ${fmt(Math.max(...p.runs.map((r) => r.longestTask)))} ms`,
      '< 50 ms (not a long task)',
      under(task, 50),
    );
    report.row('2', "  the reader's own longest reading slice", fmtInterval(slice, ' ms'));
  }
  return pages;
}
