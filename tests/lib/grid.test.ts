import { describe, expect, it } from 'vitest';
import { buildGrid, leadingText, rowCells } from '../../lib/grid/grid';
import { doc, table } from './helpers';

const texts = (html: string) => buildGrid(table(html)).slots.map((r) => Array.from(r, (c) => c?.text ?? '·').join(''));

describe('buildGrid', () => {
  it('expands rowspan and colspan, with every slot pointing at its real cell', () => {
    const t = table('<tr><td rowspan="2">A</td><td colspan="2">B</td></tr><tr><td>C</td><td>D</td></tr>');
    const g = buildGrid(t);
    expect(texts(t.innerHTML)).toEqual(['ABB', 'ACD']);
    expect(g.width).toBe(3);
    expect(g.slots[1]?.[0]?.el).toBe(t.querySelector('td'));
    expect(g.slots[0]?.[2]).toBe(g.slots[0]?.[1]);
    expect(rowCells(g, 0).map((c) => c.text)).toEqual(['A', 'B']);
  });

  it('clamps spans the way browsers do: 0, negative and junk colspan are 1; huge colspan is 1000', () => {
    expect(texts('<tr><td colspan="0">A</td><td colspan="-3">B</td><td colspan="x">C</td><td colspan="2abc">D</td></tr>')).toEqual([
      'ABCDD',
    ]);
    expect(buildGrid(table('<tr><td colspan="99999">A</td></tr>')).width).toBe(1000);
  });

  it('cuts rowspan=0 and oversized rowspans at the end of the row group', () => {
    const g = buildGrid(
      table(
        '<tbody><tr><td rowspan="0">A</td><td>1</td></tr><tr><td>2</td></tr></tbody><tbody><tr><td>3</td><td rowspan="70000">B</td></tr></tbody>',
      ),
    );
    expect(g.slots.map((r) => Array.from(r, (c) => c?.text).join(''))).toEqual(['A1', 'A2', '3B']);
    expect(g.slots).toHaveLength(3);
  });

  it('orders thead first and tfoot last, whatever the source order', () => {
    expect(texts('<tfoot><tr><td>F</td></tr></tfoot><tbody><tr><td>B</td></tr></tbody><thead><tr><th>H</th></tr></thead>')).toEqual([
      'H',
      'B',
      'F',
    ]);
  });

  it('keeps nested tables apart: the outer cell does not take their text', () => {
    const d = doc('<table id="o"><tr><td>outer<table id="i"><tr><td>inner</td></tr></table></td></tr></table>');
    expect(buildGrid(d.getElementById('o') as Element).cells.map((c) => c.text)).toEqual(['outer']);
    expect(buildGrid(d.getElementById('i') as Element).cells.map((c) => c.text)).toEqual(['inner']);
  });

  it('reads <br> and paragraphs as line breaks and skips scripts', () => {
    const g = buildGrid(
      table('<tr><td>结果<br>纠正</td><td><p class="MsoNormal"><span>12</span><o:p></o:p></p><script>x=1</script></td></tr>'),
    );
    expect(g.cells.map((c) => c.text)).toEqual(['结果\n纠正', '12\n']);
  });

  it('places a cell after slots taken by rowspans from above (overlaps keep the first cell)', () => {
    expect(texts('<tr><td rowspan="2">A</td><td>B</td><td rowspan="2">C</td></tr><tr><td>D</td><td>E</td></tr>')).toEqual(['ABC', 'ADCE']);
  });

  it('builds only the first rows when asked, in the same order and with the same cells as the whole grid', () => {
    const t = table(
      '<tbody><tr><td rowspan="0">A</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></tbody><thead><tr><th colspan="2">H</th></tr></thead>',
    );
    const head = buildGrid(t, 2);
    expect(head.slots.map((r) => r.map((c) => c?.text).join(''))).toEqual(['HH', 'A1']);
    expect(head.cells.map((c) => c.text)).toEqual(['H', 'A', '1']);
    expect(head.slots.map((r) => r.map((c) => c?.el))).toEqual(
      buildGrid(t)
        .slots.slice(0, 2)
        .map((r) => r.map((c) => c?.el)),
    );
  });
});

describe('leadingText', () => {
  const rows = (n: number, last: string) =>
    table(`<caption>附表</caption>${Array.from({ length: n }, (_, i) => `<tr><td>${i === n - 1 ? last : `第${i}行`}</td></tr>`).join('')}`);

  it('is the whole text of a table with at most that many rows', () => {
    expect(leadingText(rows(3, '申请'), 3)).toBe('附表第0行第1行申请');
  });

  it('is the caption and the first rows of a longer one (its later rows are not read)', () => {
    expect(leadingText(rows(5, '申请'), 3)).toBe('附表第0行第1行第2行');
    expect(leadingText(table('<thead><tr><th>表头</th></tr></thead><tbody><tr><td>甲</td></tr><tr><td>乙</td></tr></tbody>'), 1)).toBe(
      '表头',
    );
  });
});
