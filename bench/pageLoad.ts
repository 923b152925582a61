/**
 * Section 3: page load (`loadEventEnd`) with the extension ÷ without it, beside an A/A pair (a
 * second browser without it ÷ the first: the measurement's own noise). Each round launches three
 * fresh browsers in a rotating order (a browser instance has a bias of its own) and loads every page
 * in each in turn, settling after every load so that one browser's after-load work (our reader
 * runs then) does not slow the next one's load. Ratios are medians of paired loads with intervals
 * over whole rounds (lib/stats.ts).
 */
import type { Page } from 'playwright-core';
import type { Report } from './lib/report';
import { fmt, fmtInterval, type Interval, pairedRatio, summarize, under } from './lib/stats';
import type { Bench } from './run';

const ROLES = ['with', 'without', 'without2'] as const;
type Role = (typeof ROLES)[number];
const LOADS_PER_ROUND = 2;

async function load(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  const ms = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  // Settle: a pause, then an idle callback (at most ~1.2 s).
  await page.waitForTimeout(150);
  await page.evaluate(() => new Promise<void>((done) => requestIdleCallback(() => done(), { timeout: 1000 }))).catch(() => undefined);
  return ms;
}

export async function runPageLoad(bench: Bench, report: Report) {
  const pages = [...bench.nonReport.map((url) => ({ url, report: false })), ...bench.reports.map((url) => ({ url, report: true }))];
  // loads[page][role]: one value per load; round[page]: the round of each load.
  const loads = pages.map(() => ({ with: [] as number[], without: [] as number[], without2: [] as number[], round: [] as number[] }));
  const rounds = bench.quick ? 2 : 6;
  for (let round = 0; round < rounds; round++) {
    const open: { role: Role; page: Page; close: () => Promise<void> }[] = [];
    try {
      for (let i = 0; i < ROLES.length; i++) {
        const role = ROLES[(i + round) % ROLES.length] as Role;
        const b = await bench.launch(role === 'with' ? bench.extension : null);
        open.push({ role, page: await b.firstPage(), close: () => b.close() });
      }
      // Warm each browser (fonts, the reader's first compile) before timing.
      for (const p of pages.slice(0, 2)) for (const o of open) await load(o.page, p.url);
      for (const [k, p] of pages.entries())
        for (let i = 0; i < LOADS_PER_ROUND; i++) {
          for (let j = 0; j < open.length; j++) {
            const o = open[(round + i + j) % open.length] as (typeof open)[number];
            loads[k]?.[o.role].push(await load(o.page, p.url));
          }
          loads[k]?.round.push(round);
        }
    } finally {
      for (const o of open) await o.close();
    }
  }
  const paired = (a: Role, b: Role, which: (p: (typeof pages)[number]) => boolean = () => true): Interval => {
    const kept = loads.filter((_, k) => which(pages[k] as (typeof pages)[number]));
    return pairedRatio(
      kept.flatMap((l) => l[a].map((v, i) => [v, l[b][i] ?? Number.NaN] as [number, number])),
      kept.flatMap((l) => l.round),
    );
  };
  const all = paired('with', 'without');
  const aa = paired('without2', 'without');
  report.row('3', `page load with ÷ without the extension, ${pages.length} pages`, fmtInterval(all, '×'), '≤ 1.02', under(all, 1.02));
  report.row('3', '  A/A: a second browser without it ÷ the first (the noise)', fmtInterval(aa, '×'));
  const nr = paired('with', 'without', (p) => !p.report);
  report.row('3', `  non-report pages only (${bench.nonReport.length})`, fmtInterval(nr, '×'), '≤ 1.02', under(nr, 1.02));
  const rp = paired('with', 'without', (p) => p.report);
  report.row('3', `  report pages only (${bench.reports.length}; the panel comes after the load)`, fmtInterval(rp, '×'));
  const added = summarize(loads.map((l) => summarize(l.with).median - summarize(l.without).median));
  report.row('3', '  added load time, median over pages', `${fmt(added.median)} ms`);
  return pages.map((p, k) => ({ ...p, ...loads[k] }));
}
