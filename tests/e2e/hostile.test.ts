/**
 * A hostile page neither breaks the extension nor is broken by it: it defines its own
 * <nianbao-check> element, overrides Array.prototype methods and JSON, and styles * and div.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { type Browser, cliRecord, launch, liveRecord, pageUrl } from './browser';

let b: Browser;

beforeAll(async () => {
  b = await launch({ extensionDir: inject('extensionDir') });
});

afterAll(async () => {
  await b?.close();
});

const HOSTILE = () => {
  // The page's own element of our name, with its own shadow root.
  customElements.define(
    'nianbao-check',
    class extends HTMLElement {
      constructor() {
        super();
        this.attachShadow({ mode: 'closed' }).innerHTML = '<b>page element</b>';
      }
    },
  );
  // Built-ins the page breaks for itself.
  Array.prototype.map = () => {
    throw new Error('page broke map');
  };
  Array.prototype.forEach = () => {
    throw new Error('page broke forEach');
  };
  JSON.stringify = () => 'page-json';
  JSON.parse = () => ({ page: true });
  document.addEventListener('DOMContentLoaded', () => {
    const style = document.createElement('style');
    style.textContent =
      '* { font-size: 31px !important; color: rgb(1, 2, 3) !important; } div { display: inline !important; padding: 9px !important; }';
    document.head.append(style);
  });
};

it('checks a hostile page as any other, and leaves the page its own element, built-ins and styles', async () => {
  const page = await b.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(HOSTILE);
  await page.goto(pageUrl('typo-suspect.html'));
  // The extension: its panel shows (on a host of another name, as the page took ours), and the
  // record is the command line's.
  const panel = page.locator('nianbao-check-ui .panel');
  await panel.waitFor({ timeout: 15_000 });
  expect(await page.locator('nianbao-check-ui .report-line').textContent()).toContain('鼓楼区自然资源和规划局');
  const live = await liveRecord(b, page);
  const cli = await cliRecord('typo-suspect.html');
  const failing = (r: typeof live) =>
    r.findings
      .filter((f) => f.status === 'fail')
      .map((f) => f.id)
      .sort();
  expect(failing(live)).toEqual(failing(cli));
  expect(failing(live)).toEqual(['t3.resultsSum:commercial', 't3.rowTotal:withheld.thirdParty']);
  // The panel's text is not styled by the page's * rule.
  const fontSize = await panel.evaluate((el) => getComputedStyle(el).fontSize);
  expect(fontSize).not.toBe('31px');
  // The page keeps what it did to itself, and nothing it runs was broken by the extension.
  const pageState = await page.evaluate(() => ({
    json: JSON.stringify({ a: 1 }),
    ownElement: document.createElement('nianbao-check') instanceof (customElements.get('nianbao-check') as CustomElementConstructor),
    divDisplay: getComputedStyle(document.querySelector('div') as Element).display,
  }));
  expect(pageState).toEqual({ json: 'page-json', ownElement: true, divDisplay: 'inline' });
  expect(errors).toEqual([]);
  await page.close();
});
