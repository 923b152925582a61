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
