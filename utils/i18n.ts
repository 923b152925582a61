/**
 * The interface language. The messages live in `locales/*.json` and are built by `@wxt-dev/i18n`
 * into the extension's `_locales` (typed keys, the manifest's name and description). A browser can
 * only follow its own language through `browser.i18n`, and a headless or English browser would then
 * never show the Chinese interface, so the reader's choice (utils/prefs.ts) decides here: Chinese by
 * default, English, or the browser's language. The same keys and `$1` substitutions either way.
 */
import { i18n } from '#i18n';
import en from '@/locales/en.json';
import zh from '@/locales/zh_CN.json';

export type Lang = 'zh_CN' | 'en' | 'auto';
export const LANGS: readonly Lang[] = ['zh_CN', 'en', 'auto'];

type Messages = { [key: string]: string | Messages };
const TABLES: Record<Exclude<Lang, 'auto'>, Messages> = { zh_CN: zh, en };

let current: Lang = 'zh_CN';

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
}

function lookup(table: Messages, key: string): string | Messages | undefined {
  let node: string | Messages | undefined = table;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

/** A plural message (`{ "1": "1 record", "n": "$1 records" }`, @wxt-dev/i18n's form): the exact count's form, else `n`'s. */
function pluralForm(forms: Messages, count: number): string | undefined {
  const form = forms[String(count)] ?? forms.n;
  return typeof form === 'string' ? form : undefined;
}

/** `$1`…`$9` replaced, `$$` kept as one `$`: the rules of `browser.i18n.getMessage`. */
export function substitute(message: string, subs: readonly string[] = []): string {
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}

/**
 * Translate a key in the chosen language; the same signature as `@wxt-dev/i18n`'s `t`: a number
 * argument is the count of a plural message (and its `$1` unless substitutions are given).
 */
export const t: typeof i18n.t = ((key: string, ...args: unknown[]) => {
  if (current === 'auto') return (i18n.t as (k: string, ...a: unknown[]) => string)(key, ...args);
  const count = args.find((a): a is number => typeof a === 'number');
  const subs = args.find((a): a is string[] => Array.isArray(a)) ?? (count === undefined ? undefined : [String(count)]);
  const node = lookup(TABLES[current], key) ?? lookup(TABLES.zh_CN, key);
  const message = typeof node === 'string' ? node : node ? (pluralForm(node, count ?? 0) ?? key) : key;
  return substitute(message, subs);
}) as typeof i18n.t;
