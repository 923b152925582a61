/**
 * The reading experience in real Chromium: a picked finding's cells come into the window clear of
 * the panel at 800, 1280 and 1920 px and under a body's zoom or scale (适老化 modes), the marks sit
 * on their cells and follow the mode as it toggles, nothing of ours covers digits or prints, and
 * the keyboard moves through the marks as a grid.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type CellRef, type ReportRecord, refKey } from '../../lib';
import { type Browser, launch, liveRecord, openFixture } from './browser';

let b: Browser;

beforeAll(async () => {
  b = await launch({ extensionDir: inject('extensionDir') });
});

afterAll(async () => {
  await b?.close();
});

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const SIZES = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/** How portals' 长者模式 enlarge the page: on the body. */
const MODES: Record<string, string> = {
  plain: '',
  zoom: 'zoom: 1.5',
  scale: 'transform: scale(1.25); transform-origin: 0 0',
};

const setMode = (page: Page, css: string) =>
  page.evaluate((c) => {
    document.body.style.cssText = c;
  }, css);

/** Two frames: the reader lays out on the next one. */
const settle = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));

/**
 * The boxes of cells (found the way a browser lays out the table: each cell's grid slot, from the
 * record's `at`, rowspan and colspan expanded), of their marks, of the panel, and the window.
 */
function geometry(page: Page, cells: { key: string; at: { table: number; row: number; col: number } }[]) {
  return page.evaluate((cells) => {
    const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    const slot = (t: number, row: number, col: number): Element | null => {
      const table = document.getElementsByTagName('table')[t];
      if (!table) return null;
      const grid: (Element | undefined)[][] = [];
      Array.from(table.rows).forEach((tr, y) => {
        grid[y] ??= [];
        let x = 0;
        for (const td of Array.from(tr.cells)) {
          while (grid[y]?.[x]) x++;
          for (let dy = 0; dy < Math.max(1, td.rowSpan); dy++)
            for (let dx = 0; dx < Math.max(1, td.colSpan); dx++) {
              grid[y + dy] ??= [];
              (grid[y + dy] as (Element | undefined)[])[x + dx] = td;
            }
          x += Math.max(1, td.colSpan);
        }
      });
      return grid[row]?.[col] ?? null;
    };
    const root = document.querySelector('nianbao-check')?.shadowRoot;
    const panel = root?.querySelector('[data-panel] .panel, [data-panel] .pill');
    return {
      width: document.documentElement.clientWidth,
      height: document.documentElement.clientHeight,
      panel: panel ? box(panel.getBoundingClientRect()) : null,
      cells: cells.map((c) => {
        const el = slot(c.at.table, c.at.row, c.at.col);
        const mark = root?.querySelector(`.mark[data-ref="${c.key}"]`) as HTMLElement | null;
        return {
          key: c.key,
          cell: el ? box(el.getBoundingClientRect()) : null,
          mark: mark && !mark.hidden ? box(mark.getBoundingClientRect()) : null,
        };
      }),
    };
  }, cells);
}

const overlaps = (a: Rect, b: Rect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const inside = (a: Rect, w: number, h: number) => a.left >= -0.5 && a.top >= -0.5 && a.right <= w + 0.5 && a.bottom <= h + 0.5;
const near = (a: Rect, b: Rect) => Math.max(...(['left', 'top', 'right', 'bottom'] as const).map((k) => Math.abs(a[k] - b[k]))) <= 1.5;

/** A finding's cells, the suspect first, with where they stood in the page's grids. */
function cellsOf(record: ReportRecord, id: string) {
  const f = record.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  const refs: CellRef[] = f.suspect ? [f.suspect, ...f.cells.filter((c) => refKey(c) !== refKey(f.suspect as CellRef))] : f.cells;
  return refs.map((r) => ({
    key: refKey(r),
    at: record.tables[r.table]?.[r.row]?.[r.column]?.at as { table: number; row: number; col: number },
  }));
}

async function activate(page: Page, id: string): Promise<void> {
  const pill = page.locator('nianbao-check .pill');
  if (await pill.count()) await pill.click();
  await page.locator(`nianbao-check button[data-finding="${id}"]`).click();
  await settle(page);
}

describe('a picked finding', () => {
  for (const size of SIZES) {
    for (const [mode, css] of Object.entries(MODES)) {
      it(`comes into the window clear of the panel, its marks on its cells, at ${size.width} px, ${mode}`, async () => {
        const page = await openFixture(b, 'typo-suspect.html');
        await page.setViewportSize(size);
        await setMode(page, css);
        await settle(page);
        const record = await liveRecord(b, page);
        const failing = record.findings.filter((f) => f.status === 'fail' && f.cells.length > 0).map((f) => f.id);
        expect(failing.length).toBeGreaterThan(1);
        for (const id of failing) {
          await activate(page, id);
          const g = await geometry(page, cellsOf(record, id));
          const where = `${id} at ${size.width}×${size.height} ${mode}`;
          expect(g.panel, where).not.toBeNull();
          const all = g.cells.map((c) => c.cell as Rect);
          const span = {
            left: Math.min(...all.map((c) => c.left)),
            right: Math.max(...all.map((c) => c.right)),
            top: Math.min(...all.map((c) => c.top)),
            bottom: Math.max(...all.map((c) => c.bottom)),
          };
          const fits = span.right - span.left <= g.width - 40 && span.bottom - span.top <= g.height - 40;
          for (const [i, c] of g.cells.entries()) {
            expect(c.cell, `${where} ${c.key}`).not.toBeNull();
            const cell = c.cell as Rect;
            // The first cell (the suspect) is always in the window; all are when they fit in it together.
            if (fits || i === 0) expect(inside(cell, g.width, g.height), `${where}: ${c.key} in the window`).toBe(true);
            // No cell in sight is under the panel.
            if (inside(cell, g.width, g.height))
              expect(overlaps(cell, g.panel as Rect), `${where}: ${c.key} clear of the panel`).toBe(false);
            // Its mark sits on it.
            expect(c.mark, `${where}: mark of ${c.key}`).not.toBeNull();
            expect(near(c.mark as Rect, cell), `${where}: mark of ${c.key} on its cell`).toBe(true);
          }
        }
        await page.close();
      });
    }
  }
});

describe('the marks', () => {
  it('follow their cells when a 长者模式 toggles zoom or scale on the body or html', async () => {
    const page = await openFixture(b, 'typo-suspect.html');
    const record = await liveRecord(b, page);
    const cells = cellsOf(record, record.findings.find((f) => f.status === 'fail' && f.suspect)?.id as string);
    for (const [target, css] of [
      ['body', 'zoom: 1.5'],
      ['body', 'transform: scale(1.25); transform-origin: 0 0'],
      ['html', 'zoom: 1.25'],
      ['body', ''],
    ] as const) {
      // The way portals switch: a class or a style on the element, after the page has loaded.
      await page.evaluate(
        ([t, c]) => {
          (t === 'html' ? document.documentElement : document.body).style.cssText = c;
          if (t === 'html') document.body.style.cssText = '';
        },
        [target, css] as const,
      );
      await page.waitForTimeout(150);
      await settle(page);
      const g = await geometry(page, cells);
      for (const c of g.cells) {
        if (!c.mark || !c.cell) continue;
        expect(near(c.mark, c.cell), `${target} ${css}: ${c.key}`).toBe(true);
      }
      expect(g.cells.filter((c) => c.mark).length, `${target} ${css}`).toBeGreaterThan(0);
    }
    await page.close();
  });

  it('never cover the suspect cell’s digits, and print nothing of ours', async () => {
    const page = await openFixture(b, 'typo-suspect.html');
    const overlap = await page.evaluate(() => {
      const root = document.querySelector('nianbao-check')?.shadowRoot as ShadowRoot;
      const tags = Array.from(root.querySelectorAll<HTMLElement>('.mark[data-suspect] .mark-tag')).filter((t) => !t.hidden);
      return tags.map((tag) => {
        const t = tag.getBoundingClientRect();
        // Every text of the page under the tag's box.
        const hits: string[] = [];
        for (let x = t.left + 1; x < t.right; x += 3)
          for (let y = t.top + 1; y < t.bottom; y += 3) {
            const pos = document.caretPositionFromPoint?.(x, y);
            const node = pos?.offsetNode;
            if (node?.nodeType === 3 && node.textContent?.trim()) {
              const range = document.createRange();
              range.selectNodeContents(node);
              if (Array.from(range.getClientRects()).some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom))
                hits.push(node.textContent.trim());
            }
          }
        return hits;
      });
    });
    expect(overlap.length, 'a suspect tag is shown').toBeGreaterThan(0);
    expect(await page.evaluate(() => typeof document.caretPositionFromPoint)).toBe('function');
    expect(overlap.flat()).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('nianbao-check') as Element).display)).toBe('none');
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  it('move down the column with ArrowDown, along the row with ArrowRight; Escape goes back to the panel', async () => {
    const page = await openFixture(b, 'typo-suspect.html');
    await page.locator('nianbao-check [data-skip]').focus();
    await page.keyboard.press('Enter');
    const focused = () =>
      page.evaluate(() => {
        const el = document.querySelector('nianbao-check')?.shadowRoot?.activeElement as HTMLElement | null;
        const r = el?.getBoundingClientRect();
        return {
          cell: el?.dataset.cell ?? el?.dataset.finding ?? el?.tagName ?? null,
          x: (r?.left ?? 0) + scrollX,
          y: (r?.top ?? 0) + scrollY,
        };
      });
    const start = await focused();
    expect(start.cell).toMatch(/^applications\./);
    await page.keyboard.press('ArrowDown');
    const down = await focused();
    expect(Math.abs(down.x - start.x)).toBeLessThan(2);
    expect(down.y).toBeGreaterThan(start.y);
    // Down the 商业企业 column to the row whose every cell is marked, then along it.
    for (let i = 0; i < 30 && !(await focused()).cell?.includes('withheld.thirdParty'); i++) await page.keyboard.press('ArrowDown');
    const row = await focused();
    expect(row.cell).toContain('withheld.thirdParty');
    await page.keyboard.press('ArrowLeft');
    const left = await focused();
    expect(Math.abs(left.y - row.y)).toBeLessThan(2);
    expect(left.x).toBeLessThan(row.x);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    expect((await focused()).cell).toMatch(/^t3\./);
    await page.close();
  });
});
