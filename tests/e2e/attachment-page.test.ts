/**
 * The attachment page in real Chromium with the built extension: a page linking its PDF offers
 * 核查附件 and opens the page for it; the PDF's pages are drawn with the marks on the cells (where
 * the record's boxes say, over the printed figures); the popup's JSON export is the command line's
 * record; the history keeps it with last year's checks; a Word file, a scan, a .doc and the ways a
 * download fails each say what they are; a tab showing a file offers it too.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { analyzeAttachmentFile } from '../../cli/sources/read';
import type { ReportRecord } from '../../lib';
import { reportIdentity } from '../../utils/history/identity';
import { ROOT } from '../harness/build';
import { type Chromium, launchChromium } from '../harness/chromium';
import { type Site, serve } from '../harness/site';
import { askTab, tabIdOf } from '../harness/tabs';
import { comparable, PAGES } from './browser';

const FILES = join(ROOT, 'tests', 'fixtures', 'attachments', 'files');
const HOST = 'www.fixtures.gov.cn';
const CAPTURED = '2026-01-01T00:00:00.000Z';

let b: Chromium;
let site: Site;

beforeAll(async () => {
  // /viewer/ serves the files again, for the tab that shows one (below).
  site = await serve({ '/ndbg/': PAGES, '/attach/': FILES, '/viewer/': FILES }, { host: HOST });
  b = await launchChromium({ extension: inject('extensionDir'), site });
});

afterAll(async () => {
  await b?.close();
  await site?.close();
});

const sw = () => b.sw as NonNullable<Chromium['sw']>;
const fileUrl = (file: string) => site.url(`/attach/${encodeURIComponent(file)}`);

function attachmentUrl(params: Record<string, string>): string {
  return `chrome-extension://${b.extensionId}/attachment.html?${new URLSearchParams(params).toString()}`;
}

/** Open the attachment page and wait until it has shown what it found (the panel, or a message). */
async function openAttachment(params: Record<string, string>): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(attachmentUrl(params));
  await page
    .locator('.status[data-phase=failed], .status[data-phase=unsupported], nianbao-check .panel')
    .first()
    .waitFor({ timeout: 30_000 });
  return page;
}

async function recordOf(page: Page): Promise<ReportRecord> {
  const reply = await askTab<{ record: ReportRecord }>(sw(), await tabIdOf(sw(), page), { type: 'nianbao:get' });
  if (!reply) throw new Error(`no record for ${page.url()}`);
  return reply.record;
}

const failing = (r: ReportRecord) =>
  r.findings
    .filter((f) => f.status === 'fail')
    .map((f) => f.id)
    .sort();

/** Wait until the page has stopped scrolling (a finding scrolls to its cells smoothly) and the marks have followed. */
async function settled(page: Page): Promise<void> {
  const y = () => page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(scrollY)))));
  await expect
    .poll(async () => {
      const a = await y();
      await page.waitForTimeout(150);
      return a === (await y());
    })
    .toBe(true);
}

/** Where each visible mark is, and where the record's box of its cell says it should be, in CSS pixels. */
async function markGeometry(page: Page, record: ReportRecord) {
  return page.evaluate((rec) => {
    const root = document.querySelector('nianbao-check')?.shadowRoot;
    const out: { cell: string; mark: number[]; expected: number[]; page: number[]; inked: boolean }[] = [];
    for (const m of Array.from(root?.querySelectorAll<HTMLElement>('.mark') ?? [])) {
      if (m.hidden) continue;
      const key = m.dataset.cell as string;
      const table = key.slice(0, key.indexOf('.'));
      const column = key.slice(key.lastIndexOf('.') + 1);
      const row = key.slice(table.length + 1, key.length - column.length - 1);
      const box = (
        rec.tables as Record<string, Record<string, Record<string, { box?: { page: number; x: number; y: number; w: number; h: number } }>>>
      )[table]?.[row]?.[column]?.box;
      const pageEl = document.querySelector<HTMLElement>(`.pdf-page[data-page="${box?.page}"]`);
      if (!box || !pageEl) continue;
      const r = m.getBoundingClientRect();
      const p = pageEl.getBoundingClientRect();
      // Only marks wholly in view: a mark is clipped to what of its cell shows.
      if (r.top < 1 || r.bottom > innerHeight - 1) continue;
      const w = Number(pageEl.dataset.width);
      const h = Number(pageEl.dataset.height);
      const sx = p.width / w;
      const sy = p.height / h;
      // The canvas has ink inside the mark: the cell's figure is drawn there.
      const canvas = pageEl.querySelector('canvas') as HTMLCanvasElement;
      const k = canvas.width / p.width;
      const px = canvas
        .getContext('2d')
        ?.getImageData(
          Math.round((r.left - p.left + 3) * k),
          Math.round((r.top - p.top + 3) * k),
          Math.round((r.width - 6) * k),
          Math.round((r.height - 6) * k),
        );
      let inked = false;
      for (let i = 0; px && i < px.data.length; i += 4) if ((px.data[i] as number) < 96 && (px.data[i + 1] as number) < 96) inked = true;
      out.push({
        cell: key,
        mark: [r.left, r.top, r.width, r.height],
        expected: [p.left + box.x * sx, p.top + (h - box.y - box.h) * sy, box.w * sx, box.h * sy],
        page: [p.left, p.top, p.right, p.bottom],
        inked,
      });
    }
    return out;
  }, record);
}

describe('a page linking its PDF', () => {
  let report: Page;
  let att: Page;

  beforeAll(async () => {
    report = await b.context.newPage();
    await report.goto(site.url('/ndbg/report-with-pdf.html'));
    await report.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
  });

  it('offers 核查附件 in the panel, which opens the attachment page for the file', async () => {
    const offer = report.locator('nianbao-check [data-offer]');
    await expect.poll(() => offer.innerText()).toContain('鼓楼区自然资源和规划局2023年度政府信息公开工作年度报告.pdf');
    const [opened] = await Promise.all([b.context.waitForEvent('page'), offer.getByRole('button', { name: /^核查附件/ }).click()]);
    att = opened;
    const q = new URL(att.url()).searchParams;
    expect(q.get('url')).toBe(fileUrl('typo-suspect.pdf'));
    expect(q.get('from')).toBe(report.url());
    await att.locator('nianbao-check .panel').waitFor({ timeout: 30_000 });
  });

  it('shows the panel with the HTML page’s failures, and the marks on the drawn page over the cells', async () => {
    const record = await recordOf(att);
    expect(record.source).toMatchObject({ kind: 'pdf', url: fileUrl('typo-suspect.pdf'), attachmentOf: report.url() });
    expect(failing(record)).toEqual(['t3.resultsSum:commercial', 't3.rowTotal:withheld.thirdParty']);
    // Clicking the finding brings its page and cells into view; the suspect is tagged.
    await att.locator('nianbao-check [data-finding="t3.rowTotal:withheld.thirdParty"]').click();
    const suspect = att.locator('nianbao-check .mark[data-suspect]');
    await expect.poll(() => suspect.getAttribute('data-cell')).toBe('applications.withheld.thirdParty.commercial');
    await expect.poll(() => suspect.evaluate((m) => (m as HTMLElement).hidden)).toBe(false);
    await expect.poll(() => att.locator('.pdf-page[data-drawn]').count()).toBeGreaterThan(0);
    await settled(att);
    await expect.poll(async () => (await markGeometry(att, record)).length).toBeGreaterThan(5);
    const marks = await markGeometry(att, record);
    for (const m of marks) {
      const [l, t, r, bt] = m.page as [number, number, number, number];
      const [x, y, w, h] = m.mark as [number, number, number, number];
      // Inside its page's canvas, on the cell's box scaled to the page as shown.
      expect(x >= l - 0.5 && y >= t - 0.5 && x + w <= r + 0.5 && y + h <= bt + 0.5, m.cell).toBe(true);
      for (const [i, v] of m.mark.entries()) expect(Math.abs(v - (m.expected[i] as number)), `${m.cell} [${i}]`).toBeLessThan(1.5);
      expect(m.inked, `${m.cell}: no figure drawn under the mark`).toBe(true);
    }
    // Focus on the suspect explains it, as on a web page.
    await suspect.focus();
    await expect.poll(() => att.locator('nianbao-check .tip').innerText()).toContain('最可能出错的一格');
  });

  it('the popup’s JSON export is the command line’s record of the file (apart from capturedAt and the addresses)', async () => {
    const linked = await recordOf(report);
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${await tabIdOf(sw(), att)}`);
    const button = popup.getByRole('button', { name: '导出 JSON', exact: true });
    await button.waitFor();
    const [download] = await Promise.all([popup.waitForEvent('download'), button.click()]);
    const exported = JSON.parse(await readFile((await download.path()) as string, 'utf8')) as ReportRecord;
    // The file has no date of its own: the page that links it gives it.
    expect(exported.source.publishedAt).toBe(linked.source.publishedAt);
    const cli = await analyzeAttachmentFile(join(FILES, 'typo-suspect.pdf'), CAPTURED, undefined, {
      attachmentOf: report.url(),
      ...(linked.source.publishedAt ? { publishedAt: linked.source.publishedAt } : {}),
    });
    expect(comparable(exported)).toEqual(comparable(cli));
    await popup.close();
  });

  it('keeps the record in the history as a PDF linked from the page, and badges the tab', async () => {
    const stored = (await sw().evaluate(() => chrome.storage.local.get(null))) as Record<string, ReportRecord>;
    const kept = stored[`nianbao:report:${reportIdentity(await recordOf(att))}`];
    expect(kept?.source).toMatchObject({ kind: 'pdf', url: fileUrl('typo-suspect.pdf'), attachmentOf: report.url() });
    const tabId = await tabIdOf(sw(), att);
    expect(await sw().evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('2');
  });
});

describe('what the page says of each file', () => {
  it('a page that is only its attachment’s link shows the panel at once, offering it (panel and popup)', async () => {
    const page = await b.context.newPage();
    const t0 = Date.now();
    await page.goto(site.url('/ndbg/attachment-only.html'));
    await page.locator('nianbao-check [data-offer]').waitFor({ timeout: 10_000 });
    // Not after the 20 s wait for a late body.
    expect(Date.now() - t0).toBeLessThan(10_000);
    const record = await recordOf(page);
    expect(record.findings.map((f) => f.id)).toEqual(['report.attachment:page']);
    expect(await page.locator('nianbao-check .panel').innerText()).not.toContain('不是政府信息公开工作年度报告');
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${await tabIdOf(sw(), page)}`);
    await popup.getByRole('button', { name: /^核查附件：鼓楼区自然资源和规划局2023年度/ }).waitFor();
    // Shown for its offer, not kept as a report.
    const keys = Object.keys(await sw().evaluate(() => chrome.storage.local.get(null)));
    expect(keys).not.toContain(`nianbao:report:${page.url()}`);
    await popup.close();
    await page.close();
  });

  it('a Word file: its text with the marks on its cells', async () => {
    const page = await openAttachment({ url: fileUrl('typo-suspect.docx') });
    const record = await recordOf(page);
    expect(record.source.kind).toBe('docx');
    expect(failing(record)).toEqual(['t3.resultsSum:commercial', 't3.rowTotal:withheld.thirdParty']);
    await page.locator('nianbao-check [data-finding="t3.rowTotal:withheld.thirdParty"]').click();
    const suspect = page.locator('nianbao-check .mark[data-suspect]');
    await expect.poll(() => suspect.evaluate((m) => (m as HTMLElement).hidden)).toBe(false);
    // Under the middle of each mark in view is the Word table's cell showing the record's text.
    const marksInView = () =>
      page.evaluate(() => {
        const marks = Array.from(document.querySelector('nianbao-check')?.shadowRoot?.querySelectorAll<HTMLElement>('.mark') ?? []);
        return marks
          .filter((m) => !m.hidden && m.getBoundingClientRect().top > 0 && m.getBoundingClientRect().bottom < innerHeight)
          .map((m) => {
            const r = m.getBoundingClientRect();
            const cell = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('td, th');
            return { cell: m.dataset.cell as string, text: cell?.textContent?.trim() ?? null, inDoc: cell?.closest('.docx-page') !== null };
          });
      });
    // The finding scrolls its cells into view (smoothly): wait until it has.
    await settled(page);
    await expect.poll(async () => (await marksInView()).length).toBeGreaterThan(5);
    const under = await marksInView();
    const t3 = record.tables.applications ?? {};
    for (const u of under) {
      const column = u.cell.slice(u.cell.lastIndexOf('.') + 1);
      const row = u.cell.slice('applications.'.length, u.cell.length - column.length - 1);
      expect(u.inDoc, u.cell).toBe(true);
      expect(u.text, u.cell).toBe(t3[row]?.[column]?.raw);
    }
    await page.close();
  });

  it('a scan: its pages drawn, and a finding that the tables are pictures and nothing was checked', async () => {
    const page = await openAttachment({ url: fileUrl('seed001-scanned.pdf') });
    await expect.poll(() => page.locator('.status[data-phase=scanned]').innerText()).toContain('没有核对任何数字');
    const record = await recordOf(page);
    expect(record.findings.map((f) => [f.id, f.status, f.severity])).toEqual([['format.tablesAsImages:report', 'fail', 'warning']]);
    expect(await page.locator('nianbao-check [data-tone=pass]').first().getAttribute('data-count')).toBe('0');
    await expect.poll(() => page.locator('.pdf-page[data-drawn]').count()).toBeGreaterThan(0);
    expect(await page.locator('.pdf-page').count()).toBe(4);
    await page.close();
  });

  it('a .doc linked from a report page: the format cannot be read here, what to do, and the file’s link', async () => {
    const report = await b.context.newPage();
    await report.goto(site.url('/ndbg/seed001-plain.html'));
    const button = report.locator('nianbao-check [data-offer]').getByRole('button', { name: /^核查附件/ });
    const [page] = await Promise.all([b.context.waitForEvent('page'), button.click()]);
    const status = page.locator('.status[data-phase=unsupported][data-kind=doc]');
    await status.waitFor({ timeout: 15_000 });
    expect(await status.innerText()).toMatch(/浏览器里无法读取[\s\S]*另存为 PDF 或 DOCX/);
    const href = await page.locator('.bar .file-link').getAttribute('href');
    expect(href).toMatch(/^http:\/\/www\.fixtures\.gov\.cn\/attach\/.*\.doc$/);
    await page.locator('nianbao-check .panel').waitFor();
    expect((await recordOf(page)).findings.map((f) => f.id)).toEqual(['source.unsupported:file']);
    // No green tick for a file nothing was read from.
    expect(await sw().evaluate((id) => chrome.action.getBadgeText({ tabId: id }), await tabIdOf(sw(), page))).toBe('–');
    await page.close();
    await report.close();
  });

  it.each([
    ['a missing file', { url: '/attach/missing.pdf' }, 'http', 'HTTP 404'],
    ['a web page where the file should be', { url: '/ndbg/non-report-plain.html', name: '报告.pdf' }, 'challenge', '返回的是一个网页'],
    ['a site not switched on', { url: 'http://www.example.com/report.pdf' }, 'permission', '允许读取 www.example.com'],
  ])('%s: a clear message, no panel', async (_, params: Record<string, string>, problem, says) => {
    const url = params.url?.startsWith('/') ? site.url(params.url) : (params.url as string);
    const page = await openAttachment({ ...params, url });
    const status = page.locator('.status[data-phase=failed]');
    expect(await status.getAttribute('data-problem')).toBe(problem);
    expect(await status.innerText()).toContain(says);
    expect(await page.locator('nianbao-check .panel').count()).toBe(0);
    await page.close();
  });
});

it('a tab showing a report file offers it in the popup', async () => {
  // Headless Chromium downloads a PDF instead of showing it: the tab's address is what the popup reads.
  const shown = site.url('/viewer/typo-suspect.pdf');
  await b.context.route(shown, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><title>typo-suspect.pdf</title><embed type="application/pdf">' })
      : route.fallback(),
  );
  const tab = await b.context.newPage();
  await tab.goto(shown);
  const popup = await b.context.newPage();
  await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${await tabIdOf(sw(), tab)}`);
  const [page] = await Promise.all([
    b.context.waitForEvent('page'),
    popup.getByRole('button', { name: '核查附件：typo-suspect.pdf' }).click(),
  ]);
  await page.locator('nianbao-check .panel').waitFor({ timeout: 30_000 });
  expect(new URL(page.url()).searchParams.get('url')).toBe(shown);
  expect(failing(await recordOf(page))).toEqual(['t3.resultsSum:commercial', 't3.rowTotal:withheld.thirdParty']);
  await Promise.all([page.close(), popup.close(), tab.close()]);
});

it('cross-year: last year’s record in the history is checked against the file', async () => {
  const last = await b.context.newPage();
  await last.goto(site.url('/ndbg/similar-copy-2022.html'));
  await last.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
  const previous = await recordOf(last);
  await expect
    .poll(async () => Object.keys(await sw().evaluate(() => chrome.storage.local.get(null))))
    .toContain(`nianbao:report:${reportIdentity(previous)}`);
  const page = await openAttachment({ url: fileUrl('seed000-plain.pdf') });
  const record = await recordOf(page);
  expect(failing(record)).toEqual(
    expect.arrayContaining(['text.similarity:section1', 'text.similarity:section5', 'text.similarity:section6']),
  );
  const cli = await analyzeAttachmentFile(join(FILES, 'seed000-plain.pdf'), CAPTURED, previous);
  expect(comparable(record)).toEqual(comparable(cli));
  await Promise.all([page.close(), last.close()]);
});
