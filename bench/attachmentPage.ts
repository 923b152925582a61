/**
 * Section 5: a PDF report in the attachment page, as a user meets it: a fresh browser, the page
 * opened for an 11-page file (pdf.js, its worker and CJK maps loaded cold), time from navigation to
 * the record checked and to the pages shown; then the same file again in that browser, per page
 * (pdf.js warm in the cache). Marks come from entrypoints/attachment (`nianbao:attachment:*`).
 */
import type { Page } from 'playwright-core';
import type { Report } from './lib/report';
import { fmtInterval, medianInterval, under } from './lib/stats';
import type { Bench } from './run';

/** The 11-page fixture (seed004's city report on A5 pages). */
export const PDF_FILE = 'seed004-plain-a5.pdf';

interface Run {
  checked: number;
  shown: number;
  warmPerPage: number;
  pages: number;
}

/** Open the attachment page for the file; wait for its last mark; the marks' times since navigation. */
async function open(page: Page, url: string): Promise<Record<string, number>> {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('nianbao:attachment:shown').length > 0, null, { timeout: 60_000 });
  return page.evaluate(() =>
    Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('nianbao:attachment:'))
        .map((m) => [m.name.slice(19), m.startTime]),
    ),
  );
}

async function once(bench: Bench): Promise<Run> {
  const b = await bench.launch(bench.extension);
  try {
    const q = new URLSearchParams({ url: bench.site.url(`/files/${PDF_FILE}`) });
    const url = `chrome-extension://${b.extensionId}/attachment.html?${q.toString()}`;
    const cold = await open(await b.firstPage(), url);
    const page = await b.context.newPage();
    const warm = await open(page, url);
    const pages = await page.locator('.pdf-page').count();
    return {
      checked: cold.checked as number,
      shown: cold.shown as number,
      warmPerPage: ((warm.read as number) - (warm.opened as number)) / Math.max(1, pages),
      pages,
    };
  } finally {
    await b.close();
  }
}

export async function runAttachmentPage(bench: Bench, report: Report) {
  const runs: Run[] = [];
  for (let i = 0; i < (bench.quick ? 2 : 5); i++) {
    try {
      runs.push(await once(bench));
    } catch (e) {
      report.note(`attachment page, run ${i + 1}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  const checked = medianInterval(runs.map((r) => r.checked));
  const perPage = medianInterval(runs.map((r) => r.warmPerPage));
  report.row(
    '5',
    `a PDF of ${runs[0]?.pages ?? 11} pages, cold: open → checked (pdf.js loaded)`,
    fmtInterval(checked, ' ms'),
    '< 2,000 ms',
    under(checked, 2000),
  );
  report.row('5', '  open → pages shown', fmtInterval(medianInterval(runs.map((r) => r.shown)), ' ms'));
  report.row('5', '  the same file again: reading, per page', fmtInterval(perPage, ' ms'), '< 100 ms', under(perPage, 100));
  return runs;
}
