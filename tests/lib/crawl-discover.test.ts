/**
 * The crawl's walk, on answers given by address: a listing and its later pages give their report
 * links in order, each once, filtered and bounded; a page that fails is kept in its place; a start
 * page that is not a listing ends the walk. One report address gives its record: the failure
 * record, a page's own, or the attachment a page without tables links; a run reads a list in order
 * with the next request already queued.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { discoverReports, type ListingDeps } from '../../lib/crawl/discover';
import type { Fetched } from '../../lib/crawl/fetched';
import type { Got } from '../../lib/crawl/polite';
import { type ReportReaders, readReport } from '../../lib/crawl/report';
import { readReports } from '../../lib/crawl/run';
import type { ReportRecord } from '../../lib/record/schema';

const SITE = 'http://www.example.gov.cn/nb/';
const AT = '2026-01-01T00:00:00.000Z';

const answer = (
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' },
): Got => ({
  ok: true,
  cached: false,
  response: {
    url,
    finalUrl: url,
    status: 200,
    headers,
    bytes: typeof body === 'string' ? new TextEncoder().encode(body) : body,
    fetchedAt: 0,
  },
});

function site(pages: Record<string, Got | string>) {
  const asked: string[] = [];
  const get = async (url: string): Promise<Got> => {
    asked.push(url);
    const p = pages[url];
    if (p === undefined) return { ok: false, failure: { reason: 'status', status: 404, tries: 1 } };
    return typeof p === 'string' ? answer(url, p) : p;
  };
  const deps: ListingDeps = {
    get,
    decode: (bytes) => new TextDecoder().decode(bytes),
    parse: (html, url) => {
      const dom = new JSDOM(html, { url });
      return { doc: dom.window.document, close: () => dom.window.close() };
    },
  };
  return { deps, asked };
}

const li = (href: string, title: string) => `<li><a href="${href}">${title}</a></li>`;
const report = (agency: string, year = 2023) => `${agency}${year}年政府信息公开工作年度报告`;

describe('discoverReports', () => {
  const pages = {
    [`${SITE}index.html`]: `<ul>${li('a.html', report('甲局'))}${li('b.html', report('乙局', 2022))}${li('x.html', '2024年政务公开工作要点')}</ul>
      <script>createPageHTML(3, 0, "index", "html");</script>`,
    [`${SITE}index_1.html`]: `<ul>${li('c.html', report('丙局'))}${li(`${SITE}a.html`, report('甲局'))}</ul><a href="index_2.html">下一页</a>`,
    [`${SITE}index_2.html`]: `<ul>${li('d.html', report('丁局'))}${li('e.html', report('戊局'))}</ul><a href="index_1.html">上一页</a>`,
  };

  it('gives the links of every page in listing order, each once, and the pages read', async () => {
    const { deps, asked } = site(pages);
    const found = await discoverReports(`${SITE}index.html`, deps);
    expect(found.isListing).toBe(true);
    expect(found.links.map((l) => [l.url.slice(SITE.length), l.year, l.from.slice(SITE.length)])).toEqual([
      ['a.html', 2023, 'index.html'],
      ['b.html', 2022, 'index.html'],
      ['c.html', 2023, 'index_1.html'],
      ['d.html', 2023, 'index_2.html'],
      ['e.html', 2023, 'index_2.html'],
    ]);
    expect(asked).toEqual([`${SITE}index.html`, `${SITE}index_1.html`, `${SITE}index_2.html`]);
    expect(found.pages.map((p) => p.links.length)).toEqual([2, 1, 2]);
  });

  it('filters by year and stops paging once it has the most asked for', async () => {
    const { deps, asked } = site(pages);
    const found = await discoverReports(`${SITE}index.html`, deps, { year: 2023, max: 2 });
    expect(found.links.map((l) => l.url.slice(SITE.length))).toEqual(['a.html', 'c.html']);
    expect(asked).toHaveLength(2);
  });

  it('keeps a later page that failed in its place, and goes on', async () => {
    const { deps } = site({ ...pages, [`${SITE}index_1.html`]: { ok: false, failure: { reason: 'timeout', timeoutMs: 1000, tries: 3 } } });
    const found = await discoverReports(`${SITE}index.html`, deps);
    expect(found.pages.map((p) => [p.url.slice(SITE.length), p.failure?.reason])).toEqual([
      ['index.html', undefined],
      ['index_1.html', 'timeout'],
      ['index_2.html', undefined],
    ]);
  });

  it('ends at a start page that fails or is not a listing', async () => {
    const failed = await discoverReports(`${SITE}none.html`, site({}).deps);
    expect(failed).toMatchObject({ isListing: false, links: [], pages: [{ failure: { reason: 'status', status: 404 } }] });
    const one = await discoverReports(
      `${SITE}r.html`,
      site({ [`${SITE}r.html`]: `<h1>${report('甲局')}</h1><p>本年新收申请3件</p>` }).deps,
    );
    expect(one).toEqual({ isListing: false, pages: [{ url: `${SITE}r.html`, links: [] }], links: [] });
  });
});

describe('readReport', () => {
  const record = (url: string, over: Partial<ReportRecord> = {}): ReportRecord => ({
    schemaVersion: 1,
    source: { url, title: '', capturedAt: AT, kind: 'html' },
    report: { isReport: false, isTemplate: false, formatVersion: 'unknown' },
    tables: {},
    findings: [],
    derived: {},
    ...over,
  });
  /** Readers that say what they were given. */
  const readers = (): ReportReaders & { read: string[] } => {
    const read: string[] = [];
    return {
      read,
      html: async (res: Fetched) => {
        read.push(`html ${res.url}`);
        const dom = new JSDOM(new TextDecoder().decode(res.bytes), { url: res.finalUrl });
        const tables = dom.window.document.querySelector('table') ? { applications: {} } : {};
        return {
          record: record(res.url, { tables, source: { url: res.url, title: dom.window.document.title, capturedAt: AT, kind: 'html' } }),
          doc: dom.window.document,
          close: () => dom.window.close(),
        };
      },
      file: async (res, linked) => {
        read.push(`file ${res.url} ${JSON.stringify(linked)}`);
        return record(res.url, { source: { url: res.url, title: '', capturedAt: AT, kind: 'pdf', ...linked } });
      },
    };
  };
  const pdf = (url: string) => answer(url, '%PDF-1.4 fake', { 'content-type': 'application/pdf' });

  it('reads a page with tables as itself', async () => {
    const r = readers();
    const { deps } = site({
      [`${SITE}t.html`]: '<title>甲局2023年政府信息公开工作年度报告</title><table><tr><td>1</td></tr></table><a href="r.pdf">附件.pdf</a>',
    });
    await readReport({ url: `${SITE}t.html` }, { get: deps.get, readers: r, capturedAt: AT });
    expect(r.read).toEqual([`html ${SITE}t.html`]);
  });

  it('reads the attachment of a report page without tables, with the page and its date', async () => {
    const r = readers();
    const { deps, asked } = site({
      [`${SITE}t.html`]:
        '<title>甲局2023年政府信息公开工作年度报告</title><body><p>发布日期：2024-01-22</p><p>附件：<a href="/files/r.pdf">年报</a></p></body>',
      'http://www.example.gov.cn/files/r.pdf': pdf('http://www.example.gov.cn/files/r.pdf'),
    });
    const out = await readReport({ url: `${SITE}t.html` }, { get: deps.get, readers: r, capturedAt: AT });
    expect(r.read).toEqual([
      `html ${SITE}t.html`,
      `file http://www.example.gov.cn/files/r.pdf {"attachmentOf":"${SITE}t.html","publishedAt":"2024-01-22"}`,
    ]);
    expect(asked).toEqual([`${SITE}t.html`, 'http://www.example.gov.cn/files/r.pdf']);
    expect(out.source).toMatchObject({ kind: 'pdf', attachmentOf: `${SITE}t.html` });
  });

  it('does not read a file linked from a page that is no report', async () => {
    const r = readers();
    const { deps, asked } = site({ [`${SITE}n.html`]: '<title>新闻</title><body><a href="/guide.pdf">指南.pdf</a></body>' });
    await readReport({ url: `${SITE}n.html` }, { get: deps.get, readers: r, capturedAt: AT });
    expect(asked).toEqual([`${SITE}n.html`]);
  });

  it('gives the failure record of an attachment that could not be fetched', async () => {
    const { deps } = site({
      [`${SITE}t.html`]: '<title>甲局2023年政府信息公开工作年度报告</title><body><a href="gone.pdf">附件</a></body>',
    });
    const out = await readReport({ url: `${SITE}t.html` }, { get: deps.get, readers: readers(), capturedAt: AT });
    expect(out.source).toMatchObject({ url: `${SITE}gone.pdf`, attachmentOf: `${SITE}t.html`, kind: 'pdf' });
    expect(out.findings.map((f) => [f.id, f.actual])).toEqual([['source.fetch:status', 404]]);
  });

  it('reads a file linked from the listing as an attachment of the listing', async () => {
    const r = readers();
    const { deps } = site({ [`${SITE}r.pdf`]: pdf(`${SITE}r.pdf`) });
    await readReport({ url: `${SITE}r.pdf`, from: `${SITE}index.html` }, { get: deps.get, readers: r, capturedAt: AT });
    expect(r.read).toEqual([`file ${SITE}r.pdf {"attachmentOf":"${SITE}index.html"}`]);
  });

  it('gives a failure record with the listing’s title for an address that could not be fetched', async () => {
    const out = await readReport(
      { url: `${SITE}x.html`, title: report('甲局') },
      { get: site({}).deps.get, readers: readers(), capturedAt: AT },
    );
    expect(out.source.title).toBe(report('甲局'));
    expect(out.findings[0]?.id).toBe('source.fetch:status');
  });
});

describe('readReports', () => {
  it('delivers the records in order, with the next request asked before this one is read', async () => {
    const events: string[] = [];
    const get = async (url: string): Promise<Got> => {
      events.push(`get ${url}`);
      return answer(url, `<title>${url}</title><table></table>`);
    };
    const readers: ReportReaders = {
      html: async (res) => {
        events.push(`read ${res.url}`);
        return {
          record: {
            schemaVersion: 1,
            source: { url: res.url, title: '', capturedAt: AT, kind: 'html' },
            report: { isReport: true, isTemplate: false, formatVersion: '2021' },
            tables: { applications: {} },
            findings: [],
            derived: {},
          },
        };
      },
      file: async () => {
        throw new Error('no file here');
      },
    };
    const got: string[] = [];
    await readReports([{ url: 'http://a/1' }, { url: 'http://a/2' }, { url: 'http://a/3' }], { get, readers, capturedAt: AT }, (i, r) => {
      got.push(`${i} ${r.source.url}`);
    });
    expect(got).toEqual(['0 http://a/1', '1 http://a/2', '2 http://a/3']);
    expect(events).toEqual(['get http://a/1', 'get http://a/2', 'read http://a/1', 'get http://a/3', 'read http://a/2', 'read http://a/3']);
  });

  it('stops when its signal aborts', async () => {
    const ctl = new AbortController();
    const get = async (url: string): Promise<Got> => answer(url, '<table></table>');
    const readers: ReportReaders = {
      html: async (res) => {
        ctl.abort(new Error('cancelled'));
        return {
          record: {
            schemaVersion: 1,
            source: { url: res.url, title: '', capturedAt: AT, kind: 'html' },
            report: { isReport: false, isTemplate: false, formatVersion: 'unknown' },
            tables: {},
            findings: [],
            derived: {},
          },
        };
      },
      file: async () => {
        throw new Error('no');
      },
    };
    const got: number[] = [];
    await expect(
      readReports([{ url: 'http://a/1' }, { url: 'http://a/2' }], { get, readers, capturedAt: AT }, (i) => void got.push(i), {
        signal: ctl.signal,
      }),
    ).rejects.toThrow('cancelled');
    expect(got).toEqual([]);
  });
});
