/**
 * The Firefox build in Debian's firefox-esr: installed as a temporary add-on, it reads a report and
 * shows its panel (with the same failing findings as Chromium and the command line), stays out of a
 * page that is not a report, and reaches a report inside a same-origin frame.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Portal, startPortal } from '../portal/server';
import { type Firefox, launchFirefox } from './firefox';

const PORTAL = 'www.portal-ff.gov.cn';
let ff: Firefox;
let portal: Portal;

beforeAll(async () => {
  portal = await startPortal({ slowMs: 300, publicOrigin: (port) => `http://${PORTAL}:${port}` });
  ff = await launchFirefox(inject('firefoxExtensionDir'), { localDomains: [PORTAL] });
}, 90_000);

afterAll(async () => {
  await ff?.close();
  await portal?.close();
});

/** What the page shows of the extension: its element, the panel's report line and failing finding ids. */
const PANEL = `(() => {
  const host = document.querySelector('nianbao-check');
  const root = host && host.shadowRoot;
  const panel = root && root.querySelector('.panel');
  if (!panel) return null;
  return {
    line: (root.querySelector('.report-line') || {}).textContent || '',
    failing: [...root.querySelectorAll('.finding[data-status="fail"]')].map((li) => li.dataset.findingId).sort(),
  };
})()`;

describe('in Firefox', () => {
  it('installs the add-on by its gecko id', () => {
    expect(ff.version).toMatch(/^\d+\./);
    expect(ff.addon).toBe('nianbao-check@nianbao.invalid');
  });

  it('shows the panel on a report, with its failing findings', async () => {
    await ff.open(ff.url('typo-suspect.html'));
    const shown = await ff.poll<{ line: string; failing: string[] }>(PANEL, 15_000);
    expect(shown?.failing).toEqual(['t3.resultsSum:commercial', 't3.rowTotal:withheld.thirdParty']);
    expect(shown?.line).toMatch(/2023/);
  });

  it('finds a body inside a same-origin iframe and shows it in the top frame', async () => {
    await ff.open(ff.url('iframe-body.html'));
    const shown = await ff.poll<{ line: string }>(PANEL, 15_000);
    expect(shown?.line).toContain('东湖区农业农村局');
  });

  it('stays out of a page that is not a report (the background looked, found nothing)', async () => {
    await ff.open(ff.url('non-report-plain.html'));
    // The background looks again (a second measure on the page's timeline) only once it has taken
    // the first look's answer as "not a report": then nothing of ours is on the page.
    const looks = await ff.poll<boolean>(`performance.getEntriesByName('nianbao').length >= 2`, 10_000);
    expect(looks).toBe(true);
    expect(await ff.evaluate<boolean>(`!!document.querySelector('nianbao-check, nianbao-check-ui')`)).toBe(false);
  });

  it('offers a listing’s reports, and the workbench runs them: the reports kept, the failures said', async () => {
    // WebDriver BiDi may not navigate to an extension page: the workbench is opened as a person does, from the offer.
    await ff.open(`http://${PORTAL}:${new URL(portal.url).port}/gk/nb/index.html`);
    const offered = await ff.poll<boolean>(
      `(() => { const b = document.querySelector('nianbao-check')?.shadowRoot?.querySelector('[data-listing-offer] button.primary, [data-listing-offer] button'); if (!b) return false; b.click(); return true; })()`,
      15_000,
    );
    expect(offered).toBe(true);
    let tab: string | undefined;
    for (let i = 0; i < 100 && !tab; i++) {
      tab = (await ff.tabs()).find((t) => t.url.startsWith('moz-extension://') && t.url.includes('/workbench.html'))?.context;
      if (!tab) await new Promise((done) => setTimeout(done, 100));
    }
    expect(tab).toBeDefined();
    let counts: string | null = null;
    // The default delay of 2 s: 13 requests, and the 429's wait.
    for (let i = 0; i < 900 && !counts?.startsWith('已全部完成'); i++) {
      counts = await ff.evaluate<string | null>(`document.querySelector('.wb-counts')?.textContent ?? null`, tab);
      if (!counts?.startsWith('已全部完成')) await new Promise((done) => setTimeout(done, 100));
    }
    expect(counts).toBe('已全部完成 · 已核查 8 · 未能获取 3 · 非年报 0 · 待核查 0');
    const failed = await ff.evaluate<string[]>(
      `[...document.querySelectorAll('.wb-failed li .wb-failed-why')].map((p) => p.textContent)`,
      tab,
    );
    expect(failed.map((w) => /HTTP (\d+)/.exec(w)?.[1] ?? 'stopped')).toEqual(['404', '412', 'stopped']);
  }, 150_000);
});
