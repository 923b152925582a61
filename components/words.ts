/**
 * Words in a language named by the caller (not the reader's current choice): what a pure renderer
 * needs to say a finding in Chinese or English, with quotes, lists and plurals done the way each
 * language does them. The messages are those of locales/, the same keys `t` uses.
 */
import en from '@/locales/en.json';
import zh from '@/locales/zh_CN.json';
import { getLang, substitute, t } from '@/utils/i18n';

/** A language the interface can be in ('auto' resolved). */
export type UiLang = 'zh_CN' | 'en';

type Messages = { [key: string]: string | Messages };
const TABLES: Record<UiLang, Messages> = { zh_CN: zh, en };

function lookup(table: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = table;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export interface Words {
  lang: UiLang;
  /** A message with `$1`… filled in; the key itself when the message is missing (a test catches that). */
  t(key: string, subs?: readonly (string | number)[]): string;
  /** The message as written, `$1`… left in (for a renderer that fills them with more than text). */
  raw(key: string): string;
  /** A counted message: `<key>.one` or `<key>.other` as the language's plural rules say, `$1` the count. */
  n(key: string, count: number, subs?: readonly (string | number)[]): string;
  /** Quoted as the language quotes (“…” or 「…」). */
  q(s: string): string;
  /** Items joined as a list (「A、B」, "A, B"). */
  list(items: readonly string[]): string;
}

const cache = new Map<UiLang, Words>();

export function words(lang: UiLang): Words {
  const hit = cache.get(lang);
  if (hit) return hit;
  const table = TABLES[lang];
  const plural = new Intl.PluralRules(lang === 'en' ? 'en' : 'zh');
  const tr = (key: string, subs: readonly (string | number)[] = []) =>
    substitute(lookup(table, key) ?? lookup(TABLES.zh_CN, key) ?? key, subs.map(String));
  const w: Words = {
    lang,
    t: tr,
    raw: (key) => lookup(table, key) ?? lookup(TABLES.zh_CN, key) ?? key,
    n: (key, count, subs = []) => tr(`${key}.${plural.select(count) === 'one' ? 'one' : 'other'}`, [count, ...subs]),
    q: (s) => tr('common.quoted', [s]),
    list: (items) => items.reduce((acc, item, i) => (i === 0 ? item : tr('common.list', [acc, item])), ''),
  };
  cache.set(lang, w);
  return w;
}

/** The reader's interface language now, 'auto' resolved to what the browser's own messages are in. */
export function uiLang(): UiLang {
  const lang = getLang();
  if (lang !== 'auto') return lang;
  return t('common.lang').startsWith('en') ? 'en' : 'zh_CN';
}
