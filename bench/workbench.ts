/**
 * Section 6: the workbench, as a journalist meets it. A listing of 30 reports on the fake portal
 * (tests/portal/server.ts, reached under a gov.cn name) run to its end twice in one browser, with
 * the delay at 0 and at 0.5 s: the overhead per report beyond the delay (fetch, read, check, store;
 * each report's own figure from the `nianbao:workbench:item` marks, and the pace end to end less
 * the delay). Then a history of 5,000 records: the workbench opened on it, until its table shows
 * rows, and a filter typed until the table answers.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/harness/chromium';
import { startPortal } from '../tests/portal/server';
import type { Report } from './lib/report';
import { fmtInterval, medianInterval, quantile, under } from './lib/stats';
import type { Bench } from './run';

const HOST = 'www.nianbao-portal.gov.cn';
const N = 30;
const HISTORY = 5000;

interface Item {
  ms: number;
  fetchMs: number;
  readMs: number;
  saveMs: number;
}

async function runListing(page: Page, base: string, delay: number): Promise<{ perItem: number[]; items: Item[]; paceMs: number }> {
  const t0 = Date.now();
  await page.goto(
    `${base}?${new URLSearchParams({ listing: `http://${HOST}/bench/index.html?n=${N}&run=${delay}`, follow: '0', delay: String(delay) })}`,
  );
  await page.locator('.wb-phase', { hasText: '已全部完成' }).waitFor({ timeout: 300_000 });
  const items = await page.evaluate(() => performance.getEntriesByName('nianbao:workbench:item').map((m) => (m as PerformanceMark).detail));
  return { perItem: items.map((i: Item) => i.ms), items, paceMs: (Date.now() - t0) / N };
}

/** 5,000 summaries in the index and their (small) records: the table needs no more. */
async function fillHistory(page: Page, n: number): Promise<void> {
  await page.evaluate(async (count) => {
    const items: Record<string, unknown> = {};
    const entries = [];
    for (let i = 0; i < count; i++) {
      const year = 2019 + (i % 5);
      const key = `nianbao:report:report:测试第${i}局|${year}`;
      const url = `http://www.t${i}.gov.cn/ndbg/${year}.html`;
      items[key] = {
        schemaVersion: 1,
        source: { url, title: `测试第${i}局${year}年报告`, capturedAt: '2024-01-01T00:00:00.000Z', kind: 'html' },
      };
      entries.push({
        key,
        url,
        title: `测试第${i}局${year}年政府信息公开工作年度报告`,
        agency: `测试第${i}局`,
        year,
        capturedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
        counts: { error: i % 4, warning: i % 3, info: 0, na: 0, pass: 30 },
        identity: `report:测试第${i}局|${year}`,
        // Packed as the index keeps them (utils/history/summary.ts): 新收, 办结, 结转, 公开率.
        figures: [i % 97, i % 89, i % 7, (i % 100) / 100],
      });
    }
    items['nianbao:index'] = { version: 1, entries };
    await (chrome.storage.local as unknown as { set(items: object): Promise<void> }).set(items);
  }, n);
}

async function openHistory(page: Page, base: string): Promise<{ openMs: number; filterMs: number }> {
  await page.goto(`${base}?view=history`);
  await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-url]').length > 0, null, { timeout: 30_000 });
  const openMs = await page.evaluate(() => performance.now());
  const filterMs = await page.evaluate(async () => {
    const input = document.querySelector('input[type=search]') as HTMLInputElement;
    const t0 = performance.now();
    input.value = '第4';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    return performance.now() - t0;
  });
  return { openMs, filterMs };
}

export async function runWorkbench(bench: Bench, report: Report) {
  const portal = await startPortal({ publicOrigin: `http://${HOST}` });
  const b = await launchChromium({
    extension: bench.extension,
    args: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1:${new URL(portal.url).port}`],
  });
  try {
    const base = `chrome-extension://${b.extensionId}/workbench.html`;
    const page = await b.firstPage();
    const fast = await runListing(page, base, 0);
    const spaced = bench.quick ? null : await runListing(page, base, 0.5);
    const own = medianInterval(fast.perItem);
    report.row(
      '6',
      `workbench, ${N} reports: overhead per report beyond the delay (own marks)`,
      fmtInterval(own, ' ms'),
      '< 50 ms',
      under(own, 50),
    );
    report.row('6', '  slowest report (p90)', `${quantile(fast.perItem, 0.9).toFixed(0)} ms`);
    for (const part of ['fetchMs', 'readMs', 'saveMs'] as const)
      report.row(
        '6',
        `  of which ${part.slice(0, -2)} (median)`,
        `${quantile(
          fast.items.map((i) => i[part]),
          0.5,
        ).toFixed(1)} ms`,
      );
    report.row('6', '  pace at delay 0, end to end', `${fast.paceMs.toFixed(0)} ms/report`);
    if (spaced) report.row('6', '  pace at delay 0.5 s, less the delay', `${(spaced.paceMs - 500).toFixed(0)} ms/report`);
    const opens: number[] = [];
    const filters: number[] = [];
    await fillHistory(page, HISTORY);
    for (let i = 0; i < (bench.quick ? 2 : 5); i++) {
      const r = await openHistory(page, base);
      opens.push(r.openMs);
      filters.push(r.filterMs);
    }
    const open = medianInterval(opens);
    const filter = medianInterval(filters);
    report.row(
      '6',
      `workbench table over ${HISTORY} records: open → rows shown`,
      fmtInterval(open, ' ms'),
      '< 1,000 ms',
      under(open, 1000),
    );
    report.row('6', '  a filter typed → table answers', fmtInterval(filter, ' ms'), '< 100 ms', under(filter, 100));
    return { perItem: fast.perItem, paceMs: [fast.paceMs, spaced?.paceMs], opens, filters };
  } finally {
    await b.close();
    await portal.close();
  }
}
