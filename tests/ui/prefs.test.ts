/** The preferences keep their keys and stored shapes: a profile written by an earlier build reads the same. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getLang, setLang } from '../../utils/i18n';
import { loadCollapsed, loadLang, onLangChange, saveCollapsed, saveLang } from '../../utils/prefs';

beforeEach(() => fakeBrowser.reset());
afterEach(() => setLang('zh_CN'));

const local = () => fakeBrowser.storage.local;

describe('the interface language', () => {
  it('is read from nianbao:pref:lang, and is Chinese when none or an unknown one is stored', async () => {
    expect(await loadLang()).toBe('zh_CN');
    await local().set({ 'nianbao:pref:lang': 'en' });
    expect(await loadLang()).toBe('en');
    expect(getLang()).toBe('en');
    await local().set({ 'nianbao:pref:lang': 'fr' });
    expect(await loadLang()).toBe('zh_CN');
  });

  it('is stored as the plain language code', async () => {
    await saveLang('auto');
    expect(await local().get(null)).toEqual({ 'nianbao:pref:lang': 'auto' });
    expect(getLang()).toBe('auto');
  });

  it('is followed when another part of the extension changes it', async () => {
    const heard = vi.fn();
    const stop = onLangChange(heard);
    await local().set({ 'nianbao:pref:lang': 'en' });
    await vi.waitFor(() => expect(heard).toHaveBeenCalledWith('en'));
    expect(getLang()).toBe('en');
    stop();
    await local().set({ 'nianbao:pref:lang': 'auto' });
    await new Promise((r) => setTimeout(r, 20));
    expect(heard).toHaveBeenCalledOnce();
  });
});

describe('the folded panel', () => {
  it('is stored under nianbao:pref:collapsed as a boolean, unfolded when none is stored', async () => {
    expect(await loadCollapsed()).toBe(false);
    await saveCollapsed(true);
    expect(await local().get(null)).toEqual({ 'nianbao:pref:collapsed': true });
    expect(await loadCollapsed()).toBe(true);
    await saveCollapsed(false);
    expect(await local().get(null)).toEqual({ 'nianbao:pref:collapsed': false });
    await local().set({ 'nianbao:pref:collapsed': 'yes' });
    expect(await loadCollapsed()).toBe(false);
  });
});
