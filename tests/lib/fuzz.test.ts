import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../lib/analyze';
import { buildGrid } from '../../lib/grid/grid';
import { ReportRecord } from '../../lib/record/schema';
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS } from '../../lib/tables/labels';
import { CAPTURED } from './helpers';

const span = fc.oneof(
  fc.constantFrom('0', '1', '2', '3', '-1', '-5', '99999', '2147483648', 'abc', '', ' 2', '2x', '1e3', 'NaN'),
  fc.integer({ min: -3, max: 12 }).map(String),
);
const words = [...T3_ROWS, ...T3_COLUMNS, ...T4_COLUMNS]
  .map((d) => d.label)
  .concat(['行政复议', '行政诉讼', '第二十条第（一）项', '信息内容', '规章', '勾稽关系', '申请人情况']);
const text = fc.oneof(
  fc.constantFrom(...words),
  fc.integer({ min: -50, max: 5000 }).map(String),
  fc.constantFrom(
    '',
    '&nbsp;',
    '/',
    '—',
    '无',
    '１２',
    '1,234',
    '7项 办件:1151件',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '<b>5</b>',
    '<br>',
    '<img src=x onerror=alert(1)>',
  ),
  fc.string({ maxLength: 12 }).map((s) => s.replace(/[<>&]/g, '')),
);
const cell = fc.record({ tag: fc.constantFrom('td', 'th'), rowspan: fc.option(span), colspan: fc.option(span), text });
const row = fc.array(cell, { maxLength: 10 });

interface T {
  rows: { tag: string; rowspan: string | null; colspan: string | null; text: string }[][];
  wrap: 'none' | 'tbody' | 'thead';
  nestAt: number;
}

function tableHtml(t: T, nested?: string): string {
  const rows = t.rows.map((r, i) => {
    const cells = r.map((c, j) => {
      const attrs = `${c.rowspan !== null ? ` rowspan="${c.rowspan}"` : ''}${c.colspan !== null ? ` colspan="${c.colspan}"` : ''}`;
      return `<${c.tag}${attrs}>${c.text}${nested && i === t.nestAt && j === 0 ? nested : ''}</${c.tag}>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  if (t.wrap === 'none') return `<table>${rows.join('')}</table>`;
  const cut = Math.floor(rows.length / 2);
  return t.wrap === 'thead'
    ? `<table><thead>${rows.slice(0, cut).join('')}</thead><tbody>${rows.slice(cut).join('')}</tbody></table>`
    : `<table><tbody>${rows.join('')}</tbody></table>`;
}

const tableArb: fc.Arbitrary<T> = fc.record({
  rows: fc.array(row, { maxLength: 14 }),
  wrap: fc.constantFrom('none', 'tbody', 'thead'),
  nestAt: fc.nat(14),
});

describe('fuzzing', () => {
  it('the grid builder never throws, and every slot points to a cell that covers it', () => {
    fc.assert(
      fc.property(tableArb, fc.option(tableArb), (t, inner) => {
        const html = tableHtml(t, inner ? tableHtml(inner) : undefined);
        const tableEl = new JSDOM(html).window.document.querySelector('table') as Element;
        const g = buildGrid(tableEl);
        let wrong = 0;
        for (const [r, slots] of g.slots.entries()) {
          for (const [c, slot] of slots.entries()) {
            if (slot && (r < slot.row || r >= slot.row + slot.rowspan || c < slot.col || c >= slot.col + slot.colspan)) wrong++;
          }
        }
        expect(wrong).toBe(0);
        // Each cell spans at most 1,000 columns; a rowspan from above can push a row's cells right.
        const cells = t.rows.reduce((n, r) => n + r.length, 0);
        expect(g.width).toBeLessThanOrEqual(1000 * Math.max(1, cells));
        // Nested cells are never cells of the outer grid.
        const own = new Set(g.cells.map((c) => c.el));
        for (const td of Array.from(tableEl.querySelectorAll(':scope table td, :scope table th'))) expect(own.has(td)).toBe(false);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('a grid built to its first k rows is the whole grid’s first k rows (what the classifier sees is what is read)', () => {
    fc.assert(
      fc.property(tableArb, fc.nat(16), (t, k) => {
        const tableEl = new JSDOM(tableHtml(t)).window.document.querySelector('table') as Element;
        const els = (g: ReturnType<typeof buildGrid>) => g.slots.map((r) => Array.from(r, (c) => c?.el ?? null));
        const whole = buildGrid(tableEl);
        const head = buildGrid(tableEl, k);
        expect(head.slots.length).toBeLessThanOrEqual(k);
        expect(els(head)).toEqual(els(whole).slice(0, k));
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('the whole pipeline never throws and always returns a record that passes the schema', () => {
    fc.assert(
      fc.property(
        fc.array(tableArb, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('', '一、总体情况', '三、收到和处理政府信息公开申请情况'),
        (tables, heading) => {
          const html = `<html><head><title>某区2023年政府信息公开工作年度报告</title></head><body><p>${heading}</p>${tables.map((t) => tableHtml(t)).join('<p>x</p>')}</body></html>`;
          const { record } = analyze(new JSDOM(html).window.document, { capturedAt: CAPTURED });
          expect(() => ReportRecord.parse(record)).not.toThrow();
          expect(record.findings.every((f) => f.status !== 'fail' || f.cells.every((c) => typeof c.row === 'string'))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('finishes a 100,000-cell table (1,000 rows × 100 columns) with every cell read', () => {
    const rowHtml = `<tr>${'<td>1</td>'.repeat(100)}</tr>`;
    const doc = new JSDOM(`<table><tr><td>申请人情况</td></tr>${rowHtml.repeat(1000)}</table>`).window.document;
    const g = buildGrid(doc.querySelector('table') as Element);
    expect(g.cells).toHaveLength(100_001);
    expect(g.width).toBe(100);
    const { record } = analyze(doc, { capturedAt: CAPTURED });
    expect(ReportRecord.parse(record).report.isReport).toBe(false);
  }, 120_000);
});
