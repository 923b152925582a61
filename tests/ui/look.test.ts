/**
 * The background's first look at a frame (utils/look.ts), run as Chrome runs it: the function
 * serialised to its source and rebuilt alone, so a reference to anything outside its body fails here.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BODY_WORDS, LINK_WORDS, NAV_WORDS, OWN_WORDS, TITLE_WORDS } from '../../lib/detect/quick';
import { type LookResult, lookNow as lookNowSource } from '../../utils/look';

/** What `scripting.executeScript({ func })` does: the function's source, evaluated on its own. */
const lookNow = new Function(`return (${String(lookNowSource)})`)() as typeof lookNowSource;
const look = (): LookResult => lookNow(TITLE_WORDS.source, BODY_WORDS.source);
/** The look as the background runs it: with the listing test's patterns. */
const lookAll = (): LookResult => lookNow(TITLE_WORDS.source, BODY_WORDS.source, OWN_WORDS.source, LINK_WORDS.source, NAV_WORDS.source);

const FIXTURES = join(process.cwd(), 'tests', 'fixtures');

/** Put a fixture file's title and body into the test's document. */
function load(path: string, extra = ''): void {
  const d = new DOMParser().parseFromString(readFileSync(join(FIXTURES, path), 'utf8'), 'text/html');
  document.title = d.title;
  document.body.innerHTML = d.body.innerHTML + extra;
}

const REPORT_TITLE = '某某区人民政府2024年政府信息公开工作年度报告';

beforeEach(() => {
  document.title = '新闻动态';
  document.body.innerHTML = '<h1>区政府召开常务会议</h1><p>会议研究了有关事项。</p>';
  performance.clearMarks();
  performance.clearMeasures();
});

describe('the first look', () => {
  it('answers report for a report title, heading or text, none for an ordinary page, and measures itself', () => {
    expect(look()).toBe('none');
    document.body.innerHTML = `<h2>${REPORT_TITLE}</h2>`;
    expect(look()).toBe('report');
    document.body.innerHTML = '<p>x</p><table><tr><td>（一）本年新收政府信息公开申请数量</td></tr></table>';
    expect(look()).toBe('report');
    document.body.innerHTML = '<p>x</p>';
    document.title = REPORT_TITLE;
    expect(look()).toBe('report');
    expect(performance.getEntriesByName('nianbao', 'measure')).toHaveLength(4);
  });

  it('leaves nothing behind in the page but its marks', () => {
    const before = new Set(Object.getOwnPropertyNames(globalThis));
    const symbols = Object.getOwnPropertySymbols(document).length;
    look();
    expect(Object.getOwnPropertyNames(globalThis).filter((n) => !before.has(n))).toEqual([]);
    expect(Object.getOwnPropertySymbols(document)).toHaveLength(symbols);
  });

  it("finds a report's words even when the page's markup splits them one character per element", () => {
    const split = (s: string) => `<p>${[...s].map((c) => `<span>${c}</span>`).join('')}</p>`;
    document.body.innerHTML = split('本年新收政府信息公开');
    expect(look()).toBe('none');
    document.body.innerHTML = split('本年新收政府信息公开申请');
    expect(look()).toBe('report');
  });

  it('answers error, not none, on a page that replaced RegExp.prototype.exec or test', () => {
    document.body.innerHTML = `<h1>${REPORT_TITLE}</h1>`;
    const saved = { exec: RegExp.prototype.exec, test: RegExp.prototype.test };
    try {
      RegExp.prototype.exec = () => null;
      expect(look()).toBe('error');
      RegExp.prototype.exec = saved.exec;
      RegExp.prototype.test = () => {
        throw new Error('page test');
      };
      expect(look()).toBe('error');
    } finally {
      RegExp.prototype.exec = saved.exec;
      RegExp.prototype.test = saved.test;
    }
    expect(look()).toBe('report');
  });

  it('works on a page that replaced JSON and Array.from, and throws nothing into a page that breaks the DOM', () => {
    // (Array's methods are replaced in tests/e2e/hostile.test.ts, in Chromium: happy-dom is written
    // in JS and needs them itself.)
    const saved = { from: Array.from, json: JSON.stringify, parse: JSON.parse, qsa: Element.prototype.querySelectorAll };
    document.body.innerHTML = `<h1>${REPORT_TITLE}</h1>`;
    try {
      Array.from = () => {
        throw new Error('page from');
      };
      JSON.stringify = () => 'page';
      JSON.parse = () => 'page';
      expect(look()).toBe('report');
      Element.prototype.querySelectorAll = () => {
        throw new Error('page querySelectorAll');
      };
      expect(() => look()).not.toThrow();
      // The look cannot tell here: it says so, and the reader (in its own world) decides.
      expect(look()).toBe('error');
    } finally {
      Array.from = saved.from;
      JSON.stringify = saved.json;
      JSON.parse = saved.parse;
      Element.prototype.querySelectorAll = saved.qsa;
    }
  });
});

describe('the first look at a listing', () => {
  it('answers listing for a 政府信息公开年报 column, though its title and link texts name reports', () => {
    load('listings/index.html');
    // Without the listing patterns (the old call), the same page looks like a report.
    expect(look()).toBe('report');
    expect(lookAll()).toBe('listing');
    load('listings/plain.html');
    expect(lookAll()).toBe('listing');
  });

  it('answers report for a report page, also one whose 上一篇/下一篇 link other reports', () => {
    load('pages/typo-suspect.html');
    expect(lookAll()).toBe('report');
    const neighbours =
      '<p>上一篇：<a href="a.html">金华市人民政府办公室2022年政府信息公开工作年度报告</a></p>' +
      '<p>下一篇：<a href="b.html">思明区人民政府2023年政府信息公开工作年度报告</a></p>';
    load('pages/typo-suspect.html', neighbours);
    expect(lookAll()).toBe('report');
    // A page that only links its report file, with its neighbours: no report words of its own, and still not a listing.
    document.title = '南湖区人民政府办公室2023年政府信息公开工作年度报告-某区人民政府';
    document.body.innerHTML =
      '<h1>南湖区人民政府办公室2023年政府信息公开工作年度报告</h1><p>附件：<a href="/f.pdf">南湖区人民政府办公室2023年政府信息公开工作年度报告.pdf</a></p>' +
      neighbours;
    expect(lookAll()).toBe('report');
  });

  it('answers none for an ordinary page; a page linking one report twice is no listing', () => {
    load('pages/non-report-plain.html');
    expect(lookAll()).toBe('none');
    document.title = '通知公告';
    document.body.innerHTML =
      '<a href="a.html">思明区人民政府2023年政府信息公开工作年度报告</a><a href="a.html" title="思明区人民政府2023年政府信息公开工作年度报告">思明区人民政府2023年…</a>';
    // (Its link text has a report's words: the report test's answer, as before.)
    expect(lookAll()).toBe('report');
    document.body.innerHTML = '<a href="a.html">思明区人民政府2023年政务公开年报</a><a href="a.html">思明区人民政府2023年政务公开年报</a>';
    expect(lookAll()).toBe('none');
  });
});
