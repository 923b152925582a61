/**
 * The reader's preferences, each declared once with its key and type (WXT storage items in
 * `storage.local`): the interface language, and whether the panel is folded into its pill.
 */
import { storage } from 'wxt/utils/storage';
import { LANGS, type Lang, setLang } from './i18n';

function define() {
  return {
    lang: storage.defineItem<Lang>('local:nianbao:pref:lang', { fallback: 'zh_CN' }),
    collapsed: storage.defineItem<boolean>('local:nianbao:pref:collapsed', { fallback: false }),
  };
}

// Declared on first use: WXT reads an item's key as soon as it is declared, and a reader that never
// has anything to show should not pay for that.
let items: ReturnType<typeof define> | undefined;
const prefs = () => {
  items ??= define();
  return items;
};

/** A stored language this version knows, else Chinese (a value written by hand or by a later version). */
const known = (v: unknown): Lang => (LANGS.includes(v as Lang) ? (v as Lang) : 'zh_CN');

/** Read the stored language (Chinese when none) and translate in it from now on. */
export async function loadLang(): Promise<Lang> {
  let lang: Lang = 'zh_CN';
  try {
    lang = known(await prefs().lang.getValue());
  } catch {
    // no storage here: Chinese
  }
  setLang(lang);
  return lang;
}

export async function saveLang(lang: Lang): Promise<void> {
  setLang(lang);
  await prefs().lang.setValue(lang);
}

/** Call `fn` whenever the reader changes the language (in the popup, for example). */
export function onLangChange(fn: (lang: Lang) => void): () => void {
  return prefs().lang.watch((v) => {
    setLang(known(v));
    fn(known(v));
  });
}

export async function loadCollapsed(): Promise<boolean> {
  return (await prefs().collapsed.getValue()) === true;
}

export function saveCollapsed(collapsed: boolean): Promise<void> {
  return prefs().collapsed.setValue(collapsed);
}
