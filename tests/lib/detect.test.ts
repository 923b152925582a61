import { readdirSync, readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../lib/analyze';
import { BODY_WORDS, looksLikeReport, TITLE_WORDS } from '../../lib/detect/quick';
import { lookNow } from '../../utils/look';
import { CAPTURED, doc, FIXTURES } from './helpers';

describe('detection', () => {
  it('reads agency and year from a title in Chinese numerals, year first or agency first', () => {
    for (const [title, agency] of [
      ['某市审计局二〇二三年度政府信息公开工作年度报告', '某市审计局'],
      ['2023年度某县民政局政府信息公开工作年度报告_某县人民政府', '某县民政局'],
      ['关于某区2023年政府信息公开工作年度报告', '某区'],
    ]) {
      const d = doc(`<title>${title}</title><body><p>一、总体情况</p><p>二、主动公开政府信息情况</p><p>六、其他需要报告的事项</p></body>`);
      expect(analyze(d, { capturedAt: CAPTURED }).record.report, title).toMatchObject({ isReport: true, agency, year: 2023 });
    }
  });

  it('reads a 表三 whose header stands alone in its own table before a page break', () => {
    const html = readFileSync(new URL('split-t3-three-parts.html', FIXTURES), 'utf8');
    const d = new JSDOM(html).window.document;
    // Move the header rows of the first part into a table of their own.
    const first = Array.from(d.querySelectorAll('table')).find((t) => t.textContent?.includes('勾稽关系')) as HTMLTableElement;
    const headerOnly = d.createElement('table');
    const rows = Array.from(first.rows).slice(0, 3);
    const body = d.createElement('tbody');
    for (const r of rows) body.appendChild(r);
    headerOnly.appendChild(body);
    first.before(headerOnly);
    const { record } = analyze(d, { capturedAt: CAPTURED });
    expect(Object.keys(record.tables.applications ?? {})).toHaveLength(25);
    expect(record.tables.applications?.newReceived?.total?.value).toBe(71);
    expect(record.findings.filter((f) => f.status === 'fail').map((f) => f.id)).toEqual([]);
  });

  it('the cheap first look says yes on every report fixture and no on ordinary pages', () => {
    const yes = ['seed001-plain.html', 'traditional-mirror.html', 'split-t3-three-parts.html', 'template-notice.html'];
    for (const f of yes) expect(looksLikeReport(new JSDOM(readFileSync(new URL(f, FIXTURES))).window.document), f).toBe(true);
    expect(looksLikeReport(new JSDOM(readFileSync(new URL('non-report-plain.html', FIXTURES))).window.document)).toBe(false);
    expect(looksLikeReport(doc('<title>首页</title><p>欢迎访问</p>'))).toBe(false);
  });
});

describe("the background's first look, run in the page as the browser runs it", () => {
  const pages = readdirSync(FIXTURES).filter((f) => f.endsWith('.html'));
  // Every fixture names the report in its title: take the title away, then the headings too, so the
  // heading and body tests are compared as well.
  const variants: Record<string, (d: Document) => void> = {
    'as served': () => undefined,
    'without its title': (d) => {
      d.title = '';
    },
    'without its title or headings': (d) => {
      d.title = '';
      for (const h of Array.from(d.querySelectorAll('h1, h2, h3'))) h.remove();
    },
  };
  const cases = pages.flatMap((f) => Object.keys(variants).map((v) => [f, v] as const));
  const seen: Record<string, Set<string>> = {};

  it.each(cases)('answers as looksLikeReport on %s, %s', (f, v) => {
    const dom = new JSDOM(readFileSync(new URL(f, FIXTURES)), { runScripts: 'outside-only' });
    try {
      variants[v]?.(dom.window.document);
      const args = JSON.stringify([TITLE_WORDS.source, BODY_WORDS.source]);
      const answer = String(dom.window.eval(`(${String(lookNow)})(...${args})`));
      expect(answer).toBe(looksLikeReport(dom.window.document) ? 'report' : 'none');
      seen[v] = new Set([...(seen[v] ?? []), answer]);
    } finally {
      dom.window.close();
    }
  });

  it('the fixtures give both answers in each variant (so each test is compared both ways)', () => {
    expect(seen['without its title']).toEqual(new Set(['report', 'none']));
    expect(seen['without its title or headings']).toEqual(new Set(['report', 'none']));
  });
});
