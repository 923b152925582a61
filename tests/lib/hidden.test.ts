/** What the page does not render is not read: lib/grid/hidden.ts and buildGrid on jsdom, as the command line runs it. */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildGrid } from '../../lib/grid/grid';
import { Visibility } from '../../lib/grid/hidden';
import { pageLines } from '../../lib/prose/lines';

const page = (body: string, head = '') => new JSDOM(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`).window.document;
const texts = (t: Element, vis?: Visibility) =>
  buildGrid(t, vis ? { visibility: vis } : {}).slots.map((r) => r.map((c) => c?.text ?? '·').join('|'));

describe('Visibility, by the document’s own computed style', () => {
  it('jsdom cascades display from a stylesheet, inline styles and the hidden attribute, as a browser does', () => {
    const doc = page(
      '<div class="m-only"><table id="a"><tr><td>1</td></tr></table></div><table id="b" style="display:none"><tr><td>2</td></tr></table>' +
        '<table id="c" hidden><tr><td>3</td></tr></table><div class="print"><table id="d"><tr><td>4</td></tr></table></div><table id="e"><tr><td>5</td></tr></table>',
      '<style>.m-only{display:none} .print{visibility:hidden}</style>',
    );
    const w = doc.defaultView as Window;
    expect(w.getComputedStyle(doc.querySelector('.m-only') as Element).display).toBe('none');
    const vis = new Visibility(doc);
    const hidden = (id: string) => vis.hidden(doc.getElementById(id) as Element);
    expect(['a', 'b', 'c', 'd', 'e'].map(hidden)).toEqual([true, true, true, true, false]);
  });

  it('asks only the elements a rule, inline style or attribute could hide', () => {
    const doc = page('<table><tr><td>1</td><td class="x">2</td></tr></table>', '<style>.x{display:none} .y{color:red}</style>');
    const w = doc.defaultView as Window & { getComputedStyle: typeof getComputedStyle };
    let asked = 0;
    const real = w.getComputedStyle.bind(w);
    w.getComputedStyle = ((el: Element) => {
      asked++;
      return real(el);
    }) as typeof getComputedStyle;
    const vis = new Visibility(doc);
    expect(texts(doc.querySelector('table') as Element, vis)).toEqual(['1']);
    expect(vis.hidden(doc.querySelector('table') as Element)).toBe(false);
    expect(asked).toBe(1);
  });

  it('a rule overridden by a later one hides nothing', () => {
    const doc = page('<table class="t"><tr><td>1</td></tr></table>', '<style>.t{display:none} table.t{display:table}</style>');
    expect(new Visibility(doc).hidden(doc.querySelector('table') as Element)).toBe(false);
  });

  it('a document without a window goes by the attribute and the inline style', () => {
    const doc = page('<table><tr hidden><td>1</td></tr><tr style="display: none"><td>2</td></tr><tr><td>3</td></tr></table>');
    const bare = doc.implementation.createHTMLDocument('');
    bare.body.innerHTML = doc.body.innerHTML;
    expect(texts(bare.querySelector('table') as Element)).toEqual(['3']);
  });
});

describe('buildGrid leaves out what is not rendered', () => {
  it('hidden rows take no row, a display:none cell no slot, a visibility:hidden cell keeps its slot, blank', () => {
    const doc = page(
      '<table><tr><td>A</td><td hidden>x</td><td>B</td></tr><tr style="display:none"><td>C</td></tr>' +
        '<tr class="gone"><td>D</td></tr><tr><td style="visibility:hidden">E</td><td>F</td></tr>' +
        '<tbody style="display:none"><tr><td>G</td></tr></tbody></table>',
      '<style>.gone{display:none}</style>',
    );
    expect(texts(doc.querySelector('table') as Element)).toEqual(['A|B', '|F']);
  });

  it('text the page hides inside a cell, and footnote marks set as superscripts, are not its text', () => {
    const doc = page(
      '<table><tr><td>12<span style="display:none">3</span></td><td>属于国家秘密<sup>1</sup></td><td>5<sup>※</sup></td><td>m<sup>2 ha</sup></td></tr></table>',
    );
    expect(texts(doc.querySelector('table') as Element)).toEqual(['12|属于国家秘密|5|m2 ha']);
  });

  it('the prose of a hidden block is not a line of the page', () => {
    const doc = page(
      '<p>一、总体情况</p><div class="m"><p>隐藏的段落</p></div><p hidden>也隐藏</p><p>二、主动公开政府信息情况</p>',
      '<style>.m{display:none}</style>',
    );
    expect(pageLines(doc.body, new Set(), new Visibility(doc)).map((l) => l.text)).toEqual(['一、总体情况', '二、主动公开政府信息情况']);
  });
});
