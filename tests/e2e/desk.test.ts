/**
 * The inspector's desk on the page, in real Chromium: verdicts that survive a reload and a browser
 * restart, citations copied from an http page, the panel in English with no Chinese of ours, last
 * year's report opened in another tab updating this one, and a reader that does not die silently
 * (a page removing our element, a page replacing RegExp's methods).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { askTab, type Browser, launch, openFixture, pageUrl, tabIdOf } from './browser';

let b: Browser;

beforeAll(async () => {
  b = await launch({ extensionDir: inject('extensionDir') });
});

afterAll(async () => {
  await b?.close();
});

const inPanel = (page: Page, sel: string) => page.locator(`nianbao-check ${sel}`);

/** The text of our own words in the panel: everything but what is marked as the page's. */
function ourText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.querySelector('nianbao-check')?.shadowRoot;
    const panel = root?.querySelector('[data-panel]');
    if (!panel) return '';
    const out: string[] = [];
    const walk = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!(n.parentElement as Element).closest('[data-page], [lang^="zh"]')) out.push(n.textContent ?? '');
    }
    // Accessible names and titles are words of ours too.
    for (const el of Array.from(panel.querySelectorAll('[title], [aria-label], [placeholder]'))) {
      if (el.closest('[data-page], [lang^="zh"]')) continue;
      out.push(el.getAttribute('title') ?? '', el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '');
    }
    return out.join('\n');
  });
}

/** The interface language, set as the popup sets it (the reader follows the stored preference). */
const setLang = (lang: string) =>
  b.sw?.evaluate((l) => (chrome.storage.local as unknown as { set(v: object): Promise<void> }).set({ 'nianbao:pref:lang': l }), lang);

const CJK = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/;

describe('in English', () => {
  it('the panel has no Chinese of ours: findings, formulas, labels, counts, last year', async () => {
    await setLang('en');
    try {
      const last = await openFixture(b, 'cross-year-2022.html');
      for (const file of ['typo-suspect.html', 'worked-case.html', 'cross-year-2023-bad.html', 'seed004-plain.html']) {
        const page = await openFixture(b, `${file}?en`);
        try {
          await expect.poll(() => inPanel(page, '.verdict-found').textContent()).toMatch(/^(Found|No problems|No figures)/);
          const text = await ourText(page);
          const bad = text.split('\n').filter((l) => CJK.test(l));
          expect(bad, file).toEqual([]);
        } finally {
          await page.close();
        }
      }
      await last.close();
    } finally {
      await setLang('zh_CN');
    }
  });
});

describe('last year', () => {
  it('says how to get the cross-year checks, and updates an open tab when last year’s report is read', async () => {
    const launched = await launch({ extensionDir: inject('extensionDir') });
    try {
      const page = await openFixture(launched, 'cross-year-2023-bad.html');
      await expect(inPanel(page, '.last-year').getAttribute('data-last-year')).resolves.toBe('none');
      expect(await inPanel(page, '[data-finding-id^="crossYear."]').count()).toBe(0);
      // Last year's report, read in another tab: this tab checks against it without a reload.
      const last = await openFixture(launched, 'cross-year-2022.html');
      await expect.poll(() => page.locator('nianbao-check .last-year').getAttribute('data-last-year'), { timeout: 10_000 }).toBe('shown');
      expect(await inPanel(page, '.finding[data-finding-id="crossYear.carryOver:total"][data-status="fail"]').count()).toBe(1);
      const link = inPanel(page, '.last-year a');
      expect(await link.getAttribute('href')).toBe(last.url());
      expect(await inPanel(page, '.finding[data-finding-id="crossYear.carryOver:total"] [data-last-year-link]').getAttribute('href')).toBe(
        last.url(),
      );
      expect(await inPanel(page, '.last-year tr[data-key="carriedOver"]').textContent()).toMatch(/上年结转\s*\d+\s*\d+\s*[+−]?\d+/);
    } finally {
      await launched.close();
    }
  });
});

describe('a person’s verdict', () => {
  it('is kept across a reload and a browser restart, and counted in the verdict', async () => {
    const first = await launch({ extensionDir: inject('extensionDir') });
    let profile = first.profile;
    try {
      let page = await openFixture(first, 'typo-suspect.html');
      const items = inPanel(page, '.finding[data-status="fail"]');
      expect(await items.count()).toBeGreaterThan(1);
      const [a, c] = [items.nth(0), items.nth(1)];
      const idA = await a.getAttribute('data-finding-id');
      const idC = await c.getAttribute('data-finding-id');
      await a.locator('[data-action="confirm"]').click();
      await c.locator('[data-action="dismiss"]').click();
      await c.locator('.review-note summary').click();
      await c.locator('.review-note textarea').fill('原表如此，已电话核实');
      await c.locator('[data-action="note"]').click();
      await expect.poll(() => inPanel(page, '.verdict-reviews').textContent()).toContain('已确认 1 · 已排除 1');
      // A dismissed finding stays in the list, marked.
      expect(await inPanel(page, `.finding[data-finding-id="${idC}"]`).getAttribute('data-review')).toBe('dismissed');
      await page.waitForTimeout(300);
      await page.reload();
      await inPanel(page, '.panel').waitFor();
      await expect.poll(() => inPanel(page, `.finding[data-finding-id="${idA}"]`).getAttribute('data-review')).toBe('confirmed');
      await first.close({ keepProfile: true });
      const again = await launch({ extensionDir: inject('extensionDir'), profile });
      profile = again.profile;
      try {
        page = await openFixture(again, 'typo-suspect.html?from=search');
        await expect.poll(() => inPanel(page, `.finding[data-finding-id="${idA}"]`).getAttribute('data-review')).toBe('confirmed');
        expect(await inPanel(page, `.finding[data-finding-id="${idC}"]`).getAttribute('data-review')).toBe('dismissed');
        expect(await inPanel(page, `.finding[data-finding-id="${idC}"] textarea`).inputValue()).toBe('原表如此，已电话核实');
        expect(await inPanel(page, '.verdict-reviews').textContent()).toContain('已确认 1 · 已排除 1');
      } finally {
        await again.close();
      }
    } finally {
      await first.close().catch(() => undefined);
    }
  });

  it('copies a citation from an http page, and all confirmed findings at once', async () => {
    const page = await openFixture(b, 'typo-suspect.html');
    // What a copy puts on the clipboard, seen from the page: the copied field's text.
    await page.evaluate(() => {
      const w = window as unknown as { copied: string[] };
      w.copied = [];
      document.addEventListener('copy', (e) => {
        const field = e.composedPath()[0] as HTMLTextAreaElement;
        w.copied.push(field.value ?? '');
      });
    });
    const item = inPanel(page, '.finding[data-finding-id="t3.rowTotal:withheld.thirdParty"]');
    await item.locator('[data-action="cite"]').click();
    await expect.poll(() => item.locator('.action-status').textContent()).toBe('已复制。');
    await item.locator('[data-action="confirm"]').click();
    await inPanel(page, '[data-action="cite-all"]').click();
    const copied = await page.evaluate(() => (window as unknown as { copied: string[] }).copied);
    expect(copied).toHaveLength(2);
    expect(copied[0]).toContain('鼓楼区自然资源和规划局《2023 年度政府信息公开工作年度报告》');
    expect(copied[0]).toContain('「（三）不予公开 / 4.保护第三方合法权益」行：总计 = ');
    expect(copied[0]).toContain('总计 4 · 六类申请人之和 7 · 相差 −3');
    expect(copied[0]).toContain(`来源：${page.url()}，读取于 `);
    expect(copied[1]).toMatch(/^鼓楼区自然资源和规划局《2023 年度政府信息公开工作年度报告》\n1\. /);
    await page.close();
  });
});

describe('the reader', () => {
  it('comes back when the page removes our element, but not in a loop against a page that keeps removing it', async () => {
    const page = await openFixture(b, 'typo-suspect.html?removed');
    await page.evaluate(() => document.querySelector('nianbao-check')?.remove());
    await page.locator('nianbao-check .panel').waitFor({ timeout: 5_000 });
    await page.evaluate(() => {
      setInterval(() => document.querySelector('nianbao-check')?.remove(), 100);
    });
    const tabId = await tabIdOf(b, page);
    await expect
      .poll(async () => (await askTab<{ failure?: string }>(b, tabId, { type: 'nianbao:ping' }, 0))?.failure, { timeout: 10_000 })
      .toBe('removed');
    // It has stopped: the element stays gone.
    await page.waitForTimeout(500);
    expect(await page.locator('nianbao-check').count()).toBe(0);
    await page.close();
  });

  it('is not switched off by a page that replaces RegExp and String methods (its world is not the page’s)', async () => {
    const page = await b.context.newPage();
    await page.addInitScript(() => {
      RegExp.prototype.test = () => false;
      RegExp.prototype.exec = () => null;
      String.prototype.match = () => null;
      String.prototype.replace = function (this: string) {
        return String(this);
      };
    });
    await page.goto(pageUrl('typo-suspect.html'));
    // The page's own world is broken (its first look cannot answer), the reader's is not.
    expect(await page.evaluate(() => /a/.test('a'))).toBe(false);
    await page.locator('nianbao-check .panel').waitFor({ timeout: 15_000 });
    expect(await inPanel(page, '.finding[data-status="fail"]').count()).toBeGreaterThan(0);
    await page.close();
  });
});
