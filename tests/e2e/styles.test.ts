/**
 * The host page is untouched: with the panel open, the marks drawn and a tooltip showing, a sample
 * of the page's elements has the same computed style and the same box as in a browser without the
 * extension.
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { type Browser, launch, openFixture } from './browser';

let bare: Browser;
let withExtension: Browser;

beforeAll(async () => {
  [bare, withExtension] = await Promise.all([launch({ extensionDir: null }), launch({ extensionDir: inject('extensionDir') })]);
});

afterAll(async () => {
  await Promise.all([bare?.close(), withExtension?.close()]);
});

interface Snapshot {
  scroll: [number, number];
  elements: { path: string; rect: number[]; style: Record<string, string> }[];
}

/**
 * About 600 of the page's elements, spread evenly over it, every table and the first cells of each
 * (never the extension's own element).
 */
async function snapshot(page: Page): Promise<Snapshot> {
  // One JSON string across the wire: Playwright's own serialisation of a large object is slow.
  const json = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('html, body, body *')).filter((e) => !e.closest('nianbao-check'));
    const step = Math.max(1, Math.ceil(all.length / 1200));
    const sample = all.filter((e, i) => i % step === 0 || e.matches('html, body, table, tr:first-child > *'));
    const pathOf = (e: Element): string => {
      const parts: string[] = [];
      for (let n: Element | null = e; n; n = n.parentElement)
        parts.unshift(`${n.tagName}:${n.parentElement ? Array.prototype.indexOf.call(n.parentElement.children, n) : 0}`);
      return parts.join('/');
    };
    return JSON.stringify({
      scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
      elements: sample.map((e) => {
        const cs = getComputedStyle(e);
        const style: Record<string, string> = {};
        for (const p of Array.from(cs)) style[p] = cs.getPropertyValue(p);
        const r = e.getBoundingClientRect();
        return { path: pathOf(e), rect: [r.x, r.y, r.width, r.height], style };
      }),
    });
  });
  return JSON.parse(json) as Snapshot;
}

/** The same pointer position in both browsers: over the first suspect (or marked) cell, so :hover matches too. */
async function pointAtMarkedCell(page: Page): Promise<{ x: number; y: number }> {
  const at = await page.evaluate(async () => {
    const root = document.querySelector('nianbao-check')?.shadowRoot;
    const box = root?.querySelector<HTMLElement>('.mark[data-suspect]') ?? root?.querySelector<HTMLElement>('.mark');
    if (!box) return { x: 5, y: 5 };
    const r = box.getBoundingClientRect();
    window.scrollTo(0, r.top + window.scrollY - 300);
    // The marks follow a scroll in the next frame: read the box once they have.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const s = box.getBoundingClientRect();
    return { x: s.x + s.width / 2, y: s.y + s.height / 2 };
  });
  await page.mouse.move(at.x, at.y);
  return at;
}

it.each(['typo-suspect.html', 'seed004-word.html', 'seed000-word.html'])(
  'computed styles of a sample of elements of %s are identical with and without the extension',
  async (file) => {
    const withExt = await openFixture(withExtension, file);
    await withExt.locator('nianbao-check .mark').first().waitFor({ state: 'attached' });
    const at = await pointAtMarkedCell(withExt);
    await withExt.locator('nianbao-check .tip').waitFor({ state: 'visible' });
    const scrollY = await withExt.evaluate(() => window.scrollY);

    const plain = await openFixture(bare, file, { panel: false });
    await plain.evaluate((y) => window.scrollTo(0, y), scrollY);
    await plain.mouse.move(at.x, at.y);

    const [a, b] = await Promise.all([snapshot(plain), snapshot(withExt)]);

    expect(b.elements.length).toBe(a.elements.length);
    expect(b.elements.length).toBeGreaterThan(100);
    expect(b.scroll).toEqual(a.scroll);
    for (let i = 0; i < a.elements.length; i++) {
      const x = a.elements[i];
      const y = b.elements[i];
      expect(y?.path).toBe(x?.path);
      expect(y?.rect, x?.path).toEqual(x?.rect);
      expect(y?.style, x?.path).toEqual(x?.style);
    }
    await Promise.all([withExt.close(), plain.close()]);
  },
);
