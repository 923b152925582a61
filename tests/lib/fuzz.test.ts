import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../lib/analyze';
import { buildGrid } from '../../lib/grid/grid';
import { T3_COLUMNS, T3_ROWS, T4_COLUMNS } from '../../lib/record/labels';
import { ReportRecord } from '../../lib/record/schema';
import { CAPTURED } from './helpers';

/** Runs per property: `FUZZ_RUNS=3000 npx vitest run tests/lib/fuzz.test.ts` for a deeper search (the pipeline gets half). */
const RUNS = Number(process.env.FUZZ_RUNS) || 300;

/** Per test: the default 300 runs finish in well under this on the 2-core machine. */
const TIMEOUT = 120_000 * Math.max(1, RUNS / 300);

/** Parse a page; its window is closed after the run (jsdom windows otherwise pile up over thousands of runs). */
function page(html: string): Document {
  const { window } = new JSDOM(html);
  opened.push(window);
  return window.document;
}
const opened: { close(): void }[] = [];
/**
 * After each run: close its windows, and let the event loop turn. jsdom frees a closed window only
 * then; in a synchronous loop of runs every window stays (≈0.5 MB each: 3,000 runs ran out of memory).
 */
const closePages = async () => {
  for (const w of opened.splice(0)) w.close();
  await new Promise((turned) => setImmediate(turned));
};

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
  it(
    'the grid builder never throws, and every slot points to a cell that covers it',
    async () => {
      await fc.assert(
        fc
          .asyncProperty(tableArb, fc.option(tableArb), async (t, inner) => {
            const html = tableHtml(t, inner ? tableHtml(inner) : undefined);
            const tableEl = page(html).querySelector('table') as Element;
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
          })
          .afterEach(closePages),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'a grid built to its first k rows is the whole grid’s first k rows (what the classifier sees is what is read)',
    async () => {
      await fc.assert(
        fc
          .asyncProperty(tableArb, fc.nat(16), async (t, k) => {
            const tableEl = page(tableHtml(t)).querySelector('table') as Element;
            const els = (g: ReturnType<typeof buildGrid>) => g.slots.map((r) => Array.from(r, (c) => c?.el ?? null));
            const whole = buildGrid(tableEl);
            const head = buildGrid(tableEl, k);
            expect(head.slots.length).toBeLessThanOrEqual(k);
            expect(els(head)).toEqual(els(whole).slice(0, k));
          })
          .afterEach(closePages),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'the whole pipeline never throws and always returns a record that passes the schema',
    async () => {
      await fc.assert(
        fc
          .asyncProperty(
            fc.array(tableArb, { minLength: 1, maxLength: 4 }),
            fc.constantFrom('', '一、总体情况', '三、收到和处理政府信息公开申请情况'),
            async (tables, heading) => {
              const html = `<html><head><title>某区2023年政府信息公开工作年度报告</title></head><body><p>${heading}</p>${tables.map((t) => tableHtml(t)).join('<p>x</p>')}</body></html>`;
              const { record } = analyze(page(html), { capturedAt: CAPTURED });
              expect(() => ReportRecord.parse(record)).not.toThrow();
              expect(record.findings.every((f) => f.status !== 'fail' || f.cells.every((c) => typeof c.row === 'string'))).toBe(true);
            },
          )
          .afterEach(closePages),
        { numRuns: Math.ceil(RUNS / 2) },
      );
    },
    TIMEOUT,
  );

  it(
    'finishes a 100,000-cell table (1,000 rows × 100 columns) with every cell read',
    () => {
      const rowHtml = `<tr>${'<td>1</td>'.repeat(100)}</tr>`;
      const doc = new JSDOM(`<table><tr><td>申请人情况</td></tr>${rowHtml.repeat(1000)}</table>`).window.document;
      const g = buildGrid(doc.querySelector('table') as Element);
      expect(g.cells).toHaveLength(100_001);
      expect(g.width).toBe(100);
      const { record } = analyze(doc, { capturedAt: CAPTURED });
      expect(ReportRecord.parse(record).report.isReport).toBe(false);
    },
    TIMEOUT,
  );
});
