/**
 * What a fetch failure becomes: the `source.fetch` record (its address, no tables, one na finding in
 * Chinese with the figures in its fields), the reading of Retry-After, what an answer holds, and the
 * text a page shows (what tells a challenge page).
 */
import { describe, expect, it } from 'vitest';
import { failureMessage, fetchFailureRecord } from '../../lib/crawl/failure';
import { charsetOf } from '../../lib/crawl/fetched';
import { visibleText } from '../../lib/crawl/judge';
import { answerKind, answerName } from '../../lib/crawl/kind';
import { retryAfterMs } from '../../lib/crawl/retryAfter';
import { ReportRecord } from '../../lib/record/schema';

const AT = '2026-01-01T00:00:00.000Z';
const URL_ = 'http://www.example.gov.cn/nb/t1.html';

describe('fetchFailureRecord', () => {
  it('gives the address, no tables and one na source.fetch finding with the status in actual', () => {
    const r = ReportRecord.parse(
      fetchFailureRecord(URL_, AT, { reason: 'status', status: 404, tries: 1 }, { title: '甲局2023年政府信息公开工作年度报告' }),
    );
    expect(r.source).toEqual({ url: URL_, title: '甲局2023年政府信息公开工作年度报告', capturedAt: AT, kind: 'html' });
    expect(r.report).toEqual({ isReport: false, isTemplate: false, formatVersion: 'unknown' });
    expect(r.tables).toEqual({});
    expect(r.findings).toEqual([
      {
        id: 'source.fetch:status',
        rule: 'source.fetch',
        status: 'na',
        severity: 'error',
        message: '无法获取这个页面：服务器返回 HTTP 404，页面不存在，没有核查任何内容。',
        cells: [],
        actual: 404,
      },
    ]);
  });

  it('says a timeout with its limit in seconds, and an attachment with the page that linked it', () => {
    const r = fetchFailureRecord('http://x.gov.cn/f/r.pdf', AT, { reason: 'timeout', timeoutMs: 30_000, tries: 3 }, { attachmentOf: URL_ });
    expect(r.source).toMatchObject({ kind: 'pdf', attachmentOf: URL_ });
    expect(r.findings[0]).toMatchObject({
      id: 'source.fetch:timeout',
      expected: 30,
      message: '无法获取这个页面：等待 30 秒仍未收到完整回应（超时）（共尝试 3 次），没有核查任何内容。',
    });
  });

  it('says which page stopped the host, with its status', () => {
    const f = fetchFailureRecord(URL_, AT, {
      reason: 'stopped',
      host: 'www.example.gov.cn',
      stoppedBy: { url: 'http://www.example.gov.cn/nb/t0.html', reason: 'challenge', status: 412 },
    }).findings[0];
    expect(f).toMatchObject({ id: 'source.fetch:stopped', actual: 412, quote: 'http://www.example.gov.cn/nb/t0.html' });
    expect(f?.message).toContain('反爬虫验证页');
  });

  it('has a Chinese message for every reason', () => {
    for (const reason of [
      'status',
      'forbidden',
      'challenge',
      'captcha',
      'rateLimited',
      'timeout',
      'network',
      'tooLarge',
      'stopped',
    ] as const) {
      expect(failureMessage({ reason, status: 429 })).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(failureMessage({ reason: 'rateLimited', status: 429, retryAfterMs: 3_600_000, limit: 120_000 })).toBe(
      '无法获取这个页面：网站要求 3600 秒后再访问（HTTP 429，请求过于频繁），超过了等待上限 120 秒，已停止访问这个网站，没有核查任何内容。',
    );
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['1', 1000],
    [' 120 ', 120_000],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['', undefined],
    ['soon', undefined],
    ['-5', undefined],
  ])('%j → %s', (v, ms) => {
    expect(retryAfterMs(v, now)).toBe(ms);
  });
});

describe('answers', () => {
  const res = (bytes: string | Uint8Array, headers: Record<string, string> = {}, finalUrl = 'http://x.gov.cn/a/b') => ({
    finalUrl,
    headers,
    bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes,
  });

  it('tells a file by its first bytes, else a page by its type, else by its name', () => {
    expect(answerKind(res('%PDF-1.7 ...', { 'content-type': 'application/octet-stream' }))).toBe('pdf');
    expect(answerKind(res('<html></html>', { 'content-type': 'text/html' }, 'http://x.gov.cn/r.pdf'))).toBe('html');
    expect(answerKind(res('....', {}, 'http://x.gov.cn/r.docx'))).toBe('docx');
    expect(answerKind(res('<html></html>'))).toBe('html');
  });

  it('names a file by Content-Disposition, else by its address', () => {
    expect(answerName(res('', { 'content-disposition': "attachment; filename*=UTF-8''%E5%B9%B4%E6%8A%A5.pdf" }))).toBe('年报.pdf');
    expect(answerName(res('', { 'content-disposition': 'attachment; filename="r.docx"' }))).toBe('r.docx');
    expect(answerName(res('', {}, 'http://x.gov.cn/f/P0%E5%B9%B4.pdf'))).toBe('P0年.pdf');
  });

  it('reads the charset of a Content-Type', () => {
    expect(charsetOf('text/html; charset=GBK')).toBe('GBK');
    expect(charsetOf('text/html;charset="utf-8"')).toBe('utf-8');
    expect(charsetOf('text/html')).toBeUndefined();
  });

  it('sees the text a person would see, without scripts, styles and tags', () => {
    expect(
      visibleText(
        '<html><head><style>p{}</style><script>var a="<p>x</p>";</script></head><body><!-- c --><p>正文&nbsp;一</p></body></html>',
      ),
    ).toBe('正文一');
  });
});
