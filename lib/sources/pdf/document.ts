/**
 * The blocks of a PDF as an HTML document, for the same reader as a web page: the title as `<h1>`,
 * paragraphs as `<p>`, tables as `<table>` with rowspan/colspan, every cell carrying its page and
 * box (`data-pdf-box`, read into the record's `box` by lib/tables/context.ts).
 */
import { BOXED_TABLE, writeBox } from '../../grid/box';
import type { Block } from './flow';
import { rowsOf } from './table';

export function blocksToDocument(blocks: Block[], impl: DOMImplementation, title: string): Document {
  const doc = impl.createHTMLDocument(title);
  const body = doc.body;
  for (const b of blocks) {
    if (b.kind === 'table') {
      const table = doc.createElement('table');
      table.setAttribute(BOXED_TABLE, '');
      const tbody = doc.createElement('tbody');
      for (const row of rowsOf(b.table)) {
        const tr = doc.createElement('tr');
        for (const c of row) {
          const td = doc.createElement('td');
          if (!c) {
            tr.append(td);
            continue;
          }
          if (c.rowspan > 1) td.setAttribute('rowspan', String(c.rowspan));
          if (c.colspan > 1) td.setAttribute('colspan', String(c.colspan));
          writeBox(td, { page: c.page, ...c.box });
          td.textContent = c.text;
          tr.append(td);
        }
        tbody.append(tr);
      }
      table.append(tbody);
      body.append(table);
      continue;
    }
    if (b.kind === 'image') {
      // A picture of a page, counted with the report's images (format.tablesAsImages).
      const img = doc.createElement('img');
      img.setAttribute('alt', `第${b.page}页（图片）`);
      img.setAttribute('data-pdf-page', String(b.page));
      body.append(img);
      continue;
    }
    const el = doc.createElement(b.kind === 'title' ? 'h1' : 'p');
    el.textContent = b.text;
    body.append(el);
  }
  return doc;
}
