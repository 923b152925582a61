/**
 * A listing's later pages, in order: the TRS pager script createPageHTML (numbers or variables), 下一页
 * and 尾页 links with `index_N.html` and `?page=N` addresses, the pages between filled in, the
 * current page and earlier pages never among them, stray numbered links not taken for a pager.
 */
import { describe, expect, it } from 'vitest';
import { laterPages } from '../../lib/crawl/pager';
import { doc } from './helpers';

const DIR = 'http://www.example.gov.cn/zwgk/nb/';
const page = (body: string) => doc(`<html><body>${body}</body></html>`);

describe('laterPages', () => {
  it('writes the pages of createPageHTML(count, current, "index", "html") after the current one', () => {
    const d = page('<div id="page"></div><script>createPageHTML(4, 0, "index", "html");</script>');
    expect(laterPages(d, `${DIR}index.html`)).toEqual([`${DIR}index_1.html`, `${DIR}index_2.html`, `${DIR}index_3.html`]);
    const second = page("<script>createPageHTML(4, 2, 'index', 'shtml');</script>");
    expect(laterPages(second, `${DIR}index_2.shtml`)).toEqual([`${DIR}index_3.shtml`]);
  });

  it('reads the count and the current page from the variables TRS templates pass', () => {
    const d = page(`<script>
      var currentPage = 0;//所在页从0开始
      var prevPage = currentPage-1//上一页
      var nextPage = currentPage+1//下一页
      var countPage = 3//共多少页
      createPageHTML(countPage, currentPage, "index", "html");
    </script>`);
    expect(laterPages(d, DIR)).toEqual([`${DIR}index_1.html`, `${DIR}index_2.html`]);
  });

  it('reads the newer createPageHTML("page_div", count, current, prefix, suffix, records) too, and not its definition', () => {
    const d = page(
      '<script>function createPageHTML(a,b,c,d){}</script><script>createPageHTML("page_div", 3, 0, "list", "html", 45);</script>',
    );
    expect(laterPages(d, `${DIR}list.html`)).toEqual([`${DIR}list_1.html`, `${DIR}list_2.html`]);
  });

  it('fills in the pages between the current one and the last the pager shows', () => {
    const d = page(
      '<a href="index.html">首页</a><span>1</span><a href="index_1.html">2</a><a href="index_2.html">3</a><a href="index_1.html">下一页</a><a href="index_5.html">尾页</a>',
    );
    expect(laterPages(d, `${DIR}index.html`)).toEqual([1, 2, 3, 4, 5].map((n) => `${DIR}index_${n}.html`));
  });

  it('follows ?page=N links, the current page known from 下一页', () => {
    const d = page('<a href="list?cat=7&amp;page=2">下一页&gt;</a><a href="list?cat=7&amp;page=4">末页</a>');
    expect(laterPages(d, 'http://www.example.gov.cn/list?cat=7')).toEqual(
      [2, 3, 4].map((n) => `http://www.example.gov.cn/list?cat=7&page=${n}`),
    );
  });

  it('gives nothing on the last page (上一页 and earlier numbers only)', () => {
    const d = page(
      '<a href="index.html">首页</a><a href="index_1.html">上一页</a><a href="index.html">1</a><a href="index_1.html">2</a><span>3</span>',
    );
    expect(laterPages(d, `${DIR}index_2.html`)).toEqual([]);
  });

  it('follows a 下一页 whose address numbers nothing', () => {
    const d = page('<a href="/col/more.jsp?token=abc">下一页</a>');
    expect(laterPages(d, `${DIR}index.html`)).toEqual(['http://www.example.gov.cn/col/more.jsp?token=abc']);
  });

  it('does not take a lone numbered link elsewhere for a pager, nor javascript: links', () => {
    const d = page('<a href="/art/t20240119_123.html">5</a><a href="javascript:goPage(2)">下一页</a>');
    expect(laterPages(d, `${DIR}index.html`)).toEqual([]);
  });

  it('stops at the page limit (a bogus 尾页)', () => {
    const d = page('<a href="index_1.html">下一页</a><a href="index_99999.html">尾页</a><a href="index_9999.html">尾页</a>');
    expect(laterPages(d, `${DIR}index.html`, 5)).toHaveLength(5);
  });
});
