/** The background's record of what each tab's frames hold, in session storage under nianbao:tab:<id>. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { tabStore } from '../../entrypoints/background/tabs';
import type { ReportRecord } from '../../lib';
import { fixtureRecord } from './helpers';

let record: ReportRecord;

beforeAll(async () => {
  record = await fixtureRecord('typo-suspect.html');
});

beforeEach(() => fakeBrowser.reset());

describe('the tab store', () => {
  it('keeps a tab’s frames under nianbao:tab:<id>, and removes the key when none is left', async () => {
    await tabStore.update(7, (f) => ({ ...f, 0: record }));
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ 'nianbao:tab:7': { 0: record } });
    expect(await tabStore.get(7)).toEqual({ 0: record });
    await tabStore.update(7, () => ({}));
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await tabStore.get(7)).toEqual({});
  });

  it('applies concurrent updates one after another, so no frame’s report is lost', async () => {
    await Promise.all([1, 2, 3, 4].map((frameId) => tabStore.update(3, (f) => ({ ...f, [frameId]: record }))));
    expect(Object.keys(await tabStore.get(3)).sort()).toEqual(['1', '2', '3', '4']);
    await tabStore.remove(3);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
