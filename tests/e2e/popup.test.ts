/** The popup's one-click JSON export is the command line's record of the same page. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { type ReportRecord, recordFileName } from '../../lib';
import { type Browser, cliRecord, comparable, launch, openFixture, openPopup, tabIdOf } from './browser';

let b: Browser;

beforeAll(async () => {
  b = await launch({ extensionDir: inject('extensionDir') });
});

afterAll(async () => {
  await b?.close();
});

it.each(['typo-suspect.html', 'seed004-word.html', 'gbk-encoded.html', 'narrative-contradiction.html'])(
  'the popup JSON export of %s equals the command line record (apart from capturedAt)',
  async (file) => {
    const [cli, page] = await Promise.all([cliRecord(file), openFixture(b, file)]);
    const popup = await openPopup(b, await tabIdOf(b, page));
    const button = popup.getByRole('button', { name: '导出 JSON', exact: true });
    await button.waitFor();
    const [download] = await Promise.all([popup.waitForEvent('download'), button.click()]);
    const exported = JSON.parse(await readFile((await download.path()) as string, 'utf8')) as ReportRecord;

    expect(download.suggestedFilename()).toBe(recordFileName(cli));
    expect(exported.source.url).toBe(page.url());
    expect(comparable(exported)).toEqual(comparable(cli));
    await popup.close();
    await page.close();
  },
);

it('on a page that is not a report, the popup says what the background’s look found (no script of ours is in the page)', async () => {
  const page = await openFixture(b, 'non-report-plain.html', { panel: false });
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('nianbao').length)).toBeGreaterThan(0);
  const popup = await openPopup(b, await tabIdOf(b, page));
  // The background looks at the page again for a while (a late body): the popup says so, not "not running".
  await expect.poll(() => popup.locator('body').innerText()).toContain('正在等待页面加载报告正文');
  expect(await popup.locator('body').innerText()).not.toContain('没有在这个网站上运行');
  await popup.close();
  await page.close();
});
