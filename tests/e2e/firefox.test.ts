/**
 * The Firefox build in Debian's firefox-esr: installed as a temporary add-on, it reads a report and
 * shows its panel (with the same failing findings as Chromium and the command line), stays out of a
 * page that is not a report, and reaches a report inside a same-origin frame.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Firefox, launchFirefox } from './firefox';

let ff: Firefox;

beforeAll(async () => {
  ff = await launchFirefox(inject('firefoxExtensionDir'));
}, 90_000);

afterAll(async () => {
  await ff?.close();
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
});
