/** Reading the publication date from what portals print, and the body's kind that sets its deadline. */
import { describe, expect, it } from 'vitest';
import { bodyKind, deadlineOf } from '../../lib/detect/bodyKind';
import { publishedAt, readDate } from '../../lib/detect/published';
import { pageLines } from '../../lib/prose/lines';
import { analyzeFixture, doc } from './helpers';

const read = (html: string) => {
  const d = doc(html);
  return publishedAt(d, pageLines(d.body, new Set()));
};

describe('the publication date', () => {
  it('reads dates written with -, /, 年月日 and a time, and Chinese numerals', () => {
    expect(readDate('2024-01-10 10:26')).toBe('2024-01-10T10:26');
    expect(readDate('2024/1/9')).toBe('2024-01-09');
    expect(readDate('2024年1月20日')).toBe('2024-01-20');
    expect(readDate('2024-01-10-10:26:00')).toBe('2024-01-10T10:26');
    expect(readDate('2024-03-02T08:05:00+08:00')).toBe('2024-03-02T08:05');
    expect(readDate('二〇二四年一月二十日')).toBe('2024-01-20');
    expect(readDate('二○二四年十二月三十一日')).toBe('2024-12-31');
    expect(readDate('2024-13-01')).toBeUndefined();
    expect(readDate('浏览次数：1024')).toBeUndefined();
  });

  it('a 发布日期/发布时间 line, the label and date in one line', () => {
    expect(read('<div class="meta">发布日期：2024-01-10 10:26 信息来源：区政府办公室</div>')).toEqual({
      at: '2024-01-10T10:26',
      from: '发布日期',
    });
    expect(read('<ul><li><span>发布时间</span>2021-02-16 14:57</li></ul>')).toEqual({ at: '2021-02-16T14:57', from: '发布时间' });
    expect(read('<p>發佈日期：2024-01-10</p>')).toEqual({ at: '2024-01-10', from: '發佈日期' });
  });

  it('the info table: the label in one cell, the date in the next', () => {
    const table =
      '<table><tr><td>索引号</td><td>011043317/2024-00021</td><td>发布机构</td><td>红钢城街道办事处</td></tr><tr><td>发文日期</td><td>2024-01-19</td></tr></table>';
    expect(read(table)).toEqual({ at: '2024-01-19', from: '发文日期' });
    expect(read('<table><tr><td>发 布 日 期：</td><td>2024-01-26</td></tr></table>')).toEqual({ at: '2024-01-26', from: '发布日期' });
  });

  it('meta tags: PubDate, publishdate, firstpublishedtime, article:published_time', () => {
    expect(read('<head><meta name="PubDate" content="2024-01-19 09:30"></head><p>正文</p>')).toEqual({
      at: '2024-01-19T09:30',
      from: 'PubDate',
    });
    expect(read('<head><meta name="publishdate" content="2024-01-05"></head>')).toEqual({ at: '2024-01-05', from: 'publishdate' });
    expect(read('<head><meta name="firstpublishedtime" content="2024-01-10-10:26:00"></head>')).toEqual({
      at: '2024-01-10T10:26',
      from: 'firstpublishedtime',
    });
    expect(read('<head><meta property="article:published_time" content="2024-02-01T08:00:00+08:00"></head>')).toEqual({
      at: '2024-02-01T08:00',
      from: 'article:published_time',
    });
  });

  it('the printed 发布日期 comes first, taking the time of a meta tag of the same day', () => {
    const head = '<head><meta name="PubDate" content="2024-01-10 10:26"></head>';
    expect(read(`${head}<p>发布日期：2024-01-10</p>`)).toEqual({ at: '2024-01-10T10:26', from: '发布日期' });
    expect(read(`${head}<p>发布日期：2024-01-12</p>`)).toEqual({ at: '2024-01-12', from: '发布日期' });
    // 发文日期/成文日期 are the document's own: a meta tag of the publication comes before them.
    expect(read(`${head}<p>成文日期：2024-01-02</p>`)).toEqual({ at: '2024-01-10T10:26', from: 'PubDate' });
    expect(read('<p>成文日期：2024-01-02</p>')).toEqual({ at: '2024-01-02', from: '成文日期' });
  });

  it('the signature under the report, in Chinese numerals or figures, when nothing else is given', () => {
    expect(read('<p>六、其他需要报告的事项</p><p>无。</p><p>西湖区市场监督管理局</p><p>二〇二四年二月五日</p>')).toEqual({
      at: '2024-02-05',
      from: '落款日期',
    });
    expect(read('<p>某局</p><p>2024年1月20日</p>')).toEqual({ at: '2024-01-20', from: '落款日期' });
    // A date inside a sentence is not a signature.
    expect(read('<p>本报告所列数据的统计期限为2023年1月1日至12月31日。</p>')).toBeUndefined();
  });

  it('a date further on in the label line belongs to another field, not the label', () => {
    expect(read('<p>发布机构：某局 发布日期：</p><p>2024-01-15</p>')).toEqual({ at: '2024-01-15', from: '发布日期' });
    expect(read('<p>发布于门户网站的通知（2023-05-06）</p>')).toBeUndefined();
  });

  it('is kept in the record as source.publishedAt, from the info table when the page has no meta', () => {
    expect(analyzeFixture('deadline-county-government.html').record.source.publishedAt).toBe('2024-03-15');
    expect(analyzeFixture('deadline-late-department.html').record.source.publishedAt).toBe('2024-02-05');
    expect(analyzeFixture('deadline-unknown-date.html').record.source.publishedAt).toBeUndefined();
    expect(analyzeFixture('seed004-plain.html').record.source.publishedAt).toBe('2021-02-16T14:57');
  });
});

describe('the kind of body', () => {
  it.each([
    ['余杭区人民政府', 'government'],
    ['杭州市政府', 'government'],
    ['浙江省人民政府', 'government'],
    ['广西壮族自治区人民政府', 'government'],
    ['杭州市', 'government'],
    ['南湖区人民政府办公室', 'department'],
    ['金华市人民政府办公室', 'department'],
    ['渌口区财政局', 'department'],
    ['江宁区卫生健康委员会', 'department'],
    ['杭州市人民政府国有资产监督管理委员会', 'department'],
    ['红钢城街道办事处', 'township'],
    ['曲靖市麒麟区珠街街道', 'township'],
    ['卫滨区中同街街道办事处', 'township'],
    ['瓶窑镇人民政府', 'township'],
    ['鸬鸟镇', 'township'],
    ['杭州高新区', undefined],
    ['某某', undefined],
    [undefined, undefined],
  ])('%s → %s', (name, kind) => {
    expect(bodyKind(name)).toBe(kind);
  });

  it('deadlines of 条例第五十条', () => {
    expect(deadlineOf('government', 2023)).toBe('2024-03-31');
    expect(deadlineOf('department', 2023)).toBe('2024-01-31');
    expect(deadlineOf('township', 2020)).toBe('2021-01-31');
  });
});
