import { afterEach, describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import zh from '../../locales/zh_CN.json';
import { setLang, substitute, t } from '../../utils/i18n';

type Messages = { [key: string]: string | Messages };
const flatten = (m: Messages, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(m).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v, `${prefix}${k}.`)))),
  );
const subs = (s: string) => new Set(s.match(/\$[1-9]/g) ?? []);

afterEach(() => setLang('zh_CN'));

describe('messages', () => {
  it('English has every Chinese key and the same substitutions', () => {
    const z = flatten(zh);
    const e = flatten(en);
    expect(Object.keys(e).sort()).toEqual(Object.keys(z).sort());
    for (const key of Object.keys(z)) expect(subs(e[key] as string), key).toEqual(subs(z[key] as string));
  });

  it('substitutes $1…$9 and keeps $$ as $', () => {
    expect(substitute('左边 $1 · 右边 $2', ['4', '7'])).toBe('左边 4 · 右边 7');
    expect(substitute('$$$1', ['5'])).toBe('$5');
  });

  it('speaks Chinese unless told otherwise', () => {
    expect(t('popup.exportJson')).toBe('导出 JSON');
    expect(t('common.year', ['2023'])).toBe('2023 年度');
    setLang('en');
    expect(t('popup.exportJson')).toBe('Export JSON');
    expect(t('common.year', ['2023'])).toBe('Year 2023');
  });

  it('picks the plural form by the count, in either language', () => {
    setLang('en');
    expect(t('popup.countError', 1)).toBe('1 error');
    expect(t('popup.countError', 2)).toBe('2 errors');
    expect(t('popup.countError', 0)).toBe('0 errors');
    expect(t('history.pending', 1)).toBe('Tidying the history: 1 record left…');
    setLang('zh_CN');
    expect(t('popup.countError', 2)).toBe('2 处错误');
    expect(t('exports.done', 5000)).toBe('已导出 5000 条记录。');
  });
});
