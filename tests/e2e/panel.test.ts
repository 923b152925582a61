/**
 * On the page: the panel shows on reports and nowhere else, the marks sit on exactly the cells of
 * the failing findings, and bodies that arrive late or inside a frame are found.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ReportRecord, refKey } from '../../lib';
import { askTab, type Browser, backgroundSaidNo, launch, liveRecord, openFixture, readerSaidNo, tabIdOf } from './browser';

let b: Browser;

beforeAll(async () => {
  b = await launch({ extensionDir: inject('extensionDir') });
});

afterAll(async () => {
  await b?.close();
});

/** Cells of failing findings (their cells and suspects), as `refKey`s; and the suspects alone. */
function failingCells(record: ReportRecord): { all: Set<string>; suspects: Set<string> } {
  const all = new Set<string>();
  const suspects = new Set<string>();
  for (const f of record.findings) {
    if (f.status !== 'fail') continue;
    for (const c of f.cells) all.add(refKey(c));
    if (f.suspect) {
      all.add(refKey(f.suspect));
      suspects.add(refKey(f.suspect));
    }
  }
  return { all, suspects };
}

describe('the panel', () => {
  it.each(['typo-suspect.html', 'seed001-word.html', 'seed004-plain.html', 'format2019-report.html'])(
    'appears on the report %s',
    async (file) => {
      const page = await openFixture(b, file);
      const record = await liveRecord(b, page);
      expect(record.report.isReport).toBe(true);
      const line = await page.locator('nianbao-check .report-line').textContent();
      expect(line).toContain(record.report.agency);
      expect(line).toContain(String(record.report.year));
      // The reader read in time slices and says how long the longest held the page.
      const state = await askTab<{ analysisMs?: number; analysisLongestMs?: number }>(
        b,
        await tabIdOf(b, page),
        { type: 'nianbao:ping' },
        0,
      );
      expect(state?.analysisLongestMs).toBeGreaterThan(0);
      expect(state?.analysisLongestMs).toBeLessThanOrEqual((state?.analysisMs ?? 0) + 0.1);
      await page.close();
    },
  );

  it.each([
    // An ordinary page: the first look (in the page's world) says no; nothing runs in an isolated world.
    ['non-report-plain.html', undefined],
    // A page with report words (the format notice): the reader comes, finds no report (the
    // template is not one), shows nothing and keeps watching for a late body.
    ['template-notice.html', 'searching'],
  ])('does not appear on %s', async (file, reader) => {
    const page = await openFixture(b, file, { panel: false });
    const tabId = await tabIdOf(b, page);
    // First the extension's own word that this is no report, then the absence of a panel.
    if (reader) await readerSaidNo(b, page);
    else await backgroundSaidNo(page);
    expect(await page.locator('nianbao-check').count()).toBe(0);
    expect(await askTab(b, tabId, { type: 'nianbao:get' })).toBeUndefined();
    expect(await askTab<{ status: string }>(b, tabId, { type: 'nianbao:ping' }, 0).then((s) => s?.status)).toBe(reader);
    await page.close();
  });
});

describe('on a list page', () => {
  it('non-report-with-table.html (20 reports listed, a pager, an unrelated table) gets only the listing offer', async () => {
    const page = await openFixture(b, 'non-report-with-table.html', { panel: false });
    const offer = page.locator('nianbao-check [data-listing-offer]');
    await offer.getByRole('button', { name: '核查本页列出的 20 份年报', exact: true }).waitFor({ timeout: 15_000 });
    expect(await offer.getByRole('checkbox', { name: '同时核查后续页' }).isChecked()).toBe(true);
    expect(await page.locator('nianbao-check .report-line, nianbao-check .mark').count()).toBe(0);
    const tabId = await tabIdOf(b, page);
    expect(await askTab(b, tabId, { type: 'nianbao:get' })).toBeUndefined();
    expect(await askTab<{ status: string }>(b, tabId, { type: 'nianbao:ping' }, 0).then((s) => s?.status)).toBe('listing');
    await page.close();
  });
});

describe('the marks', () => {
  it.each(['typo-suspect.html', 'worked-case.html', 'blank-total-column.html', 't4-inconsistent.html'])(
    'cover exactly the cells of the failing findings on %s',
    async (file) => {
      const page = await openFixture(b, file);
      const record = await liveRecord(b, page);
      const expected = failingCells(record);
      expect(expected.all.size).toBeGreaterThan(0);
      await page.locator('nianbao-check .mark').first().waitFor({ state: 'attached' });

      const marks = await page.evaluate(() => {
        const root = document.querySelector('nianbao-check')?.shadowRoot;
        return Array.from(root?.querySelectorAll<HTMLElement>('.mark') ?? []).map((m) => {
          return { ref: m.dataset.ref as string, suspect: m.hasAttribute('data-suspect') };
        });
      });
      expect(new Set(marks.map((m) => m.ref))).toEqual(expected.all);
      expect(marks.length).toBe(expected.all.size);
      expect(new Set(marks.filter((m) => m.suspect).map((m) => m.ref))).toEqual(expected.suspects);

      // Each mark lies over the cell it names (the element under its centre shows that cell's
      // text), before and after the page reflows.
      await expectOverCells(page, record, marks);
      await page.setViewportSize({ width: 1000, height: 800 });
      await page.evaluate(() => {
        const block = document.createElement('div');
        block.style.height = '123px';
        document.querySelector('table')?.before(block);
      });
      await page.waitForTimeout(100);
      await expectOverCells(page, record, marks);
      await page.close();
    },
  );
});

async function expectOverCells(page: Page, record: ReportRecord, marks: { ref: string }[]): Promise<void> {
  for (const m of marks) {
    const [table, row, column] = m.ref.split('|') as [keyof ReportRecord['tables'], string, string];
    const raw = record.tables[table]?.[row]?.[column]?.raw;
    expect(raw, m.ref).toBeDefined();
    const under = await page.evaluate((ref) => {
      const box = document.querySelector('nianbao-check')?.shadowRoot?.querySelector<HTMLElement>(`.mark[data-ref="${CSS.escape(ref)}"]`);
      if (!box) return null;
      const before = box.getBoundingClientRect();
      window.scrollTo(before.left + window.scrollX - 100, before.top + window.scrollY - 200);
      if (box.hidden) return null;
      const r = box.getBoundingClientRect();
      // elementsFromPoint, not elementFromPoint: the panel may float over the cell.
      const cell = document.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2).find((e) => e.matches('td, th'));
      const cr = cell?.getBoundingClientRect();
      return cell && cr
        ? {
            text: (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
            dx: Math.abs(cr.x - r.x),
            dy: Math.abs(cr.y - r.y),
            dw: Math.abs(cr.width - r.width),
          }
        : null;
    }, m.ref);
    expect(under, m.ref).not.toBeNull();
    expect(under?.text.replace(/\s+/g, ''), m.ref).toBe((raw as string).replace(/\s+/g, ''));
    expect(Math.max(under?.dx ?? 9, under?.dy ?? 9, under?.dw ?? 9), m.ref).toBeLessThan(1);
  }
}

describe('late and framed bodies', () => {
  it('finds a body inserted by script after load', async () => {
    const page = await openFixture(b, 'script-loaded-body.html');
    const record = await liveRecord(b, page);
    expect(record.report.isReport).toBe(true);
    expect(record.reading?.tablesFound).toBeGreaterThan(0);
    expect(await page.locator('nianbao-check .report-line').textContent()).toContain('新吴区发展和改革委员会');
    await page.close();
  });

  it('finds a body inside a same-origin iframe and shows it in the top frame', async () => {
    const page = await openFixture(b, 'iframe-body.html');
    const record = await liveRecord(b, page);
    expect(record.source.url).toMatch(/iframe-body-inner\.html$/);
    expect(record.reading?.tablesFound).toBeGreaterThan(0);
    // The panel is the top frame's; the frame itself shows none.
    expect(await page.locator('nianbao-check .report-line').textContent()).toContain('东湖区农业农村局');
    expect(await page.frameLocator('iframe').locator('nianbao-check .panel').count()).toBe(0);
    await page.close();
  });
});
