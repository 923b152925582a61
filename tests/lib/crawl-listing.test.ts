/**
 * Telling a listing of reports from other pages: report titles and their years, the report links of
 * a page in order (relative and absolute, each once, a year filter, other links left out), the
 * attachment of a report page, and which pages are listings.
 */
import { describe, expect, it } from 'vitest';
import { attachmentLink } from '../../lib/crawl/attachment';
import { reportLinks } from '../../lib/crawl/links';
import { isListing, readListing } from '../../lib/crawl/listing';
import { reportTitleYear } from '../../lib/crawl/title';
import { doc } from './helpers';

const PAGE = 'http://www.example.gov.cn/zwgk/nb/index.html';
const page = (body: string, head = '<title>政府信息公开年报</title>') => {
  const d = doc(`<html><head>${head}</head><body>${body}</body></html>`);
  return d;
};

describe('reportTitleYear', () => {
  it.each([
    ['红钢城街道办事处2023年度政府信息公开工作年度报告', 2023],
    ['南湖区人民政府办公室2023年政府信息公开工作年度报告', 2023],
    ['曲靖市麒麟区珠街街道２０２０年政府信息公开工作年度报告', 2020],
    ['渌口区财政局二〇二三年政府信息公开工作年度报告', 2023],
    ['某县2022年政务公开年报', 2022],
    ['某區政府2023年政府資訊公開工作年度報告', 2023],
    ['某区政府2023年政府信息公開工作年度報告', 2023],
    ['2023年度报告', 2023],
    ['XX区教育局2023年政府信息公开工作…', 2023],
    ['XX区2024年1月19日发布2023年政府信息公开工作年度报告', 2024],
    ['附件：XX局2023年政府信息公开工作年度报告.pdf', 2023],
  ])('%s → %s', (title, year) => {
    expect(reportTitleYear(title)).toBe(year);
  });

  it.each([
    '关于做好2023年政府信息公开工作年度报告编制和发布工作的通知',
    '政府信息公开工作年度报告格式',
    '2024年政务公开工作要点',
    '2023年统计年报',
    '关于开展2023年度企业年报公示工作的通知',
    '一图读懂2023年政府信息公开工作年度报告解读',
    '政府信息公开工作年度报告',
    '政府信息公开指南',
  ])('%s is not a report', (title) => {
    expect(reportTitleYear(title)).toBeNull();
  });
});

describe('reportLinks', () => {
  const listing = page(`
    <ul class="list">
      <li><a href="202401/t20240119_1.html">红钢城街道办事处2023年度政府信息公开工作年度报告</a><span>2024-01-19</span></li>
      <li><a href="http://www.example.gov.cn/zwgk/nb/202401/t20240126_2.html" title="渌口区财政局2023年政府信息公开工作年度报告">渌口区财政局2023年政府信息公开工…</a></li>
      <li><a href="../other/t3.html#top">南湖区人民政府办公室2022年政府信息公开工作年度报告</a></li>
      <li><a href="/zwgk/nb/202401/t20240119_1.html">红钢城街道办事处2023年度政府信息公开工作年度报告</a></li>
      <li><a href="notice.html">关于做好2023年政府信息公开工作年度报告编制工作的通知</a></li>
      <li><a href="javascript:void(0)">某区2023年政府信息公开工作年度报告</a></li>
      <li><a href="mailto:gk@example.gov.cn">某区2023年政府信息公开工作年度报告</a></li>
    </ul>
    <p><a href="/">首页</a> <a href="index_1.html">下一页</a></p>`);

  it('gives every report link once, absolute, in page order, with its year and the page that listed it', () => {
    expect(reportLinks(listing, PAGE)).toEqual([
      {
        url: 'http://www.example.gov.cn/zwgk/nb/202401/t20240119_1.html',
        title: '红钢城街道办事处2023年度政府信息公开工作年度报告',
        year: 2023,
        from: PAGE,
      },
      {
        url: 'http://www.example.gov.cn/zwgk/nb/202401/t20240126_2.html',
        title: '渌口区财政局2023年政府信息公开工作年度报告',
        year: 2023,
        from: PAGE,
      },
      {
        url: 'http://www.example.gov.cn/zwgk/other/t3.html',
        title: '南湖区人民政府办公室2022年政府信息公开工作年度报告',
        year: 2022,
        from: PAGE,
      },
    ]);
  });

  it('keeps only the year asked for', () => {
    expect(reportLinks(listing, PAGE, { year: 2022 }).map((l) => l.url)).toEqual(['http://www.example.gov.cn/zwgk/other/t3.html']);
  });

  it('resolves against the page’s <base href>', () => {
    const d = doc(
      '<html><head><base href="http://cdn.example.gov.cn/site/"></head><body><a href="a.html">某局2023年政府信息公开工作年度报告</a></body></html>',
    );
    expect(reportLinks(d, PAGE)[0]?.url).toBe('http://cdn.example.gov.cn/site/a.html');
  });

  it('leaves out a report page’s 上一篇/下一篇', () => {
    const d = page(
      '<p>上一篇：<a href="a.html">某局2022年政府信息公开工作年度报告</a></p><p>下一篇：<a href="b.html">某局2024年政府信息公开工作年度报告</a></p>',
    );
    expect(reportLinks(d, PAGE)).toEqual([]);
  });
});

describe('isListing', () => {
  it('takes a page linking several reports for a listing', () => {
    const d = page('<a href="1.html">甲局2023年政府信息公开工作年度报告</a><a href="2.html">乙局2023年政府信息公开工作年度报告</a>');
    expect(readListing(d, PAGE)).toMatchObject({ isListing: true, links: [{ year: 2023 }, { year: 2023 }] });
  });

  it('does not take a page with one report link, or one report as PDF and DOCX, for a listing', () => {
    expect(isListing(page('<a href="1.html">甲局2023年政府信息公开工作年度报告</a><a href="n.html">新闻</a>'), PAGE)).toBe(false);
    const both = page(
      '<a href="r.pdf">甲局2023年政府信息公开工作年度报告.pdf</a><a href="r.docx">甲局2023年政府信息公开工作年度报告.docx</a>',
    );
    expect(isListing(both, PAGE)).toBe(false);
  });

  it('does not take a report page that links its attachment and its neighbours for a listing', () => {
    const d = page(
      '<h1>甲局2023年政府信息公开工作年度报告</h1><p>附件：<a href="/files/r.pdf">甲局2023年政府信息公开工作年度报告.pdf</a></p><p>上一篇：<a href="a.html">甲局2022年政府信息公开工作年度报告</a></p><p>相关：<a href="b.html">乙局2023年政府信息公开工作年度报告</a></p>',
      '<title>甲局2023年政府信息公开工作年度报告</title>',
    );
    expect(isListing(d, PAGE)).toBe(false);
  });

  it('does not take a report with a sidebar of other reports for a listing', () => {
    const d = page(
      '<div><p>本年新收政府信息公开申请12件。</p></div><aside><a href="1.html">甲局2022年政府信息公开工作年度报告</a><a href="2.html">乙局2023年政府信息公开工作年度报告</a><a href="3.html">丙局2023年政府信息公开工作年度报告</a></aside>',
    );
    expect(isListing(d, PAGE)).toBe(false);
  });
});

describe('attachmentLink', () => {
  it('finds the report file a page links, a report-titled one first', () => {
    const d = page(
      '<a href="/guide.pdf">办事指南.pdf</a><p>附件：<a href="/files/P0202401.pdf">甲局2023年政府信息公开工作年度报告</a></p>',
    );
    expect(attachmentLink(d, PAGE)).toBe('http://www.example.gov.cn/files/P0202401.pdf');
  });

  it('finds a file behind a download script by its name, and a file shown by a pdf.js viewer', () => {
    expect(attachmentLink(page('<a href="/down.jsp?id=5">甲局2023年年报.docx</a>'), PAGE)).toBe('http://www.example.gov.cn/down.jsp?id=5');
    expect(attachmentLink(page('<iframe src="/pdfjs/web/viewer.html?file=/files/r.pdf"></iframe>'), PAGE)).toBe(
      'http://www.example.gov.cn/files/r.pdf',
    );
  });

  it('finds nothing on a page without files', () => {
    expect(attachmentLink(page('<a href="/x.html">新闻</a><a href="/t.xls">表格.xls</a>'), PAGE)).toBeNull();
  });
});
