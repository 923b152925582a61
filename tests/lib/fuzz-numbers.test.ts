/**
 * Property-based fuzzing of the number readings: cells (parseCell), prose figures (readProseFigure,
 * Chinese numerals, the narrative's statements) and a 表三 of random cell strings read whole.
 * `FUZZ_RUNS=3000 FUZZ_SEED=… npx vitest run tests/lib/fuzz-numbers.test.ts` searches deeper or
 * elsewhere; a failure prints its seed and path (fast-check), so it can be replayed.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../lib/analyze';
import { statements } from '../../lib/checks/narrativeFigures';
import { ReportRecord } from '../../lib/record/schema';
import { parseCell } from '../../lib/text/cell';
import { norm, squash } from '../../lib/text/normalize';
import { readChineseNumeral, readProseFigure } from '../../lib/text/numerals';
import { CAPTURED, FIXTURES } from './helpers';

/** Runs per cheap property are ten times this; the page property gets a third of it. */
const RUNS = Number(process.env.FUZZ_RUNS) || 300;
const SEED = Number(process.env.FUZZ_SEED) || 20_240_115;
const TIMEOUT = 120_000 * Math.max(1, RUNS / 300);
const cheap = { seed: SEED, numRuns: RUNS * 10 };

const safe = (n: number) => Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER && !Object.is(n, -0);

// ——— cell strings ———

const FULL_WIDTH = (d: string) => String.fromCharCode(0xff10 + Number(d));
const widths = (digits: string) =>
  fc
    .constantFrom('ascii', 'full', 'mixed')
    .map((w) => Array.from(digits, (d, i) => (w === 'ascii' || (w === 'mixed' && i % 2) ? d : FULL_WIDTH(d))).join(''));
const digitRun = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max });
const grouped = fc
  .tuple(fc.bigInt({ min: 1000n, max: 10n ** 20n }), fc.constantFrom(',', '，'))
  .map(([n, sep]) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep));
const numberish = fc
  .tuple(
    fc.constantFrom('', ' ', '\u00a0', '\u3000'),
    fc.constantFrom('', '', '+', '-', '－', '−', '﹣', '＋'),
    fc.oneof(digitRun(18).chain(widths), grouped),
    fc.option(fc.tuple(fc.constantFrom('.', '．'), digitRun(6)).map(([p, d]) => p + d)),
    fc.constantFrom('', '', '件', '项', '項', '个', '元', '万元', '人次', '条', 'km', '%', '年', '次'),
    fc.constantFrom('', ' ', '\t', '\n'),
  )
  .map(([a, s, n, f, u, z]) => `${a}${s}${n}${f ?? ''}${u}${z}`);
const exotic = fc.constantFrom(
  '1.2e5',
  '1E-3',
  '1e400',
  '0x10',
  '0XFF',
  '0b101',
  '1_000',
  '½',
  '⅓',
  '¾',
  '1/2',
  '3⁄4',
  '10²',
  '①',
  '⑳',
  '⒈',
  'Ⅻ',
  '٣',
  '𝟏𝟐',
  '1-2',
  '3~5',
  '10:30',
  '1,23',
  '1.2.3',
  '∞',
  'NaN',
  'Infinity',
  '-Infinity',
  '--5',
  '+-3',
  '-0',
  '００７',
);
const huge = fc.oneof(
  fc.integer({ min: 16, max: 600 }).map((n) => '9'.repeat(n)),
  digitRun(400).map((d) => `1${d}`),
);
const CN = '零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬';
const chinese = fc.string({ unit: fc.constantFrom(...CN), minLength: 1, maxLength: 12 });
const words = fc.constantFrom(
  '其中',
  '共',
  '合计',
  '总计',
  '含',
  '（',
  '）',
  '(',
  ')',
  '【',
  '】',
  '依申请',
  '一般案件:',
  '简易案件：',
  ';',
  '；',
  '，',
  '、',
  '年',
  '月',
  '日',
  '第',
  '/',
  '—',
  '无',
  ' ',
  '\u200b',
);
const mixed = fc
  .array(fc.oneof(numberish, exotic, chinese, words, huge, fc.string({ maxLength: 3 })), { maxLength: 6 })
  .map((xs) => xs.join(''));
const anyCell = fc.oneof(
  numberish,
  exotic,
  huge,
  chinese,
  mixed,
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

const UNIT_END = /(?:万元|元|件|项|項|个|個|条|條|次|宗|起|人次|家|份|篇)$/;

/** What the digits of a cell read as a number say, read without NFKC: full-width forms by their code. */
function digitsSay(raw: string): number {
  const ascii = raw
    .replace(/\s+/g, '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[−﹣]/g, '-')
    .replace(UNIT_END, '');
  expect(ascii, raw).toMatch(/^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/);
  return Number(ascii.replace(/,/g, '')) + 0;
}

describe('fuzzing cell numbers', () => {
  it(
    'parseCell never throws, keeps the squashed text, and gives only safe values; a number is what its digits say',
    () => {
      fc.assert(
        fc.property(anyCell, (input) => {
          const cell = parseCell(input);
          expect(cell.raw).toBe(squash(input));
          expect(['number', 'blank', 'placeholder', 'text']).toContain(cell.kind);
          if (cell.value !== null) expect(safe(cell.value), `${input} → ${cell.value}`).toBe(true);
          if (cell.kind === 'blank') expect(cell).toEqual({ value: null, raw: '', kind: 'blank' });
          if (cell.kind === 'placeholder') expect(cell.value).toBeNull();
          if (cell.kind === 'number') expect(cell.value).toBe(digitsSay(cell.raw));
          // What was read survives JSON unchanged.
          expect(JSON.parse(JSON.stringify(cell))).toEqual(cell);
        }),
        cheap,
      );
    },
    TIMEOUT,
  );

  it(
    'a run of digits past 2^53, anywhere in a cell, leaves it without a value',
    () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 4 }), huge, fc.constantFrom('', '件', '元'), (before, digits, unit) => {
          const run = digits.replace(/^0+/, '');
          fc.pre(run.length > 16 || (run.length === 16 && Number(run) > Number.MAX_SAFE_INTEGER));
          expect(parseCell(`${before}${digits}${unit}`).value).toBeNull();
        }),
        cheap,
      );
    },
    TIMEOUT,
  );

  it(
    'odd writings (exponents, hex, fractions, superscripts, ranges) never enter the sums',
    () => {
      fc.assert(
        fc.property(exotic, (raw) => {
          const cell = parseCell(raw);
          if (raw === '-0' || raw === '００７') expect(cell.kind).toBe('number');
          else expect(cell.value, raw).toBeNull();
        }),
        { seed: SEED, numRuns: 200 },
      );
    },
    TIMEOUT,
  );
});

// ——— prose figures ———

const DIGITS = '零一二三四五六七八九';

/** The standard way of writing n (< 10^12) in Chinese numerals: 一千零五, 十万零五百, 一亿零五. */
function toChinese(n: number): string {
  if (n === 0) return '零';
  const section = (m: number, leading: boolean): string => {
    let out = '';
    let zero = false;
    for (const [unit, name] of [
      [1000, '千'],
      [100, '百'],
      [10, '十'],
      [1, ''],
    ] as const) {
      const d = Math.floor(m / unit) % 10;
      if (d === 0) {
        if (out) zero = true;
        continue;
      }
      if (zero) out += '零';
      zero = false;
      out += unit === 10 && d === 1 && out === '' && leading ? '十' : `${DIGITS[d]}${name}`;
    }
    return out;
  };
  const parts: [number, string][] = [
    [Math.floor(n / 1e8), '亿'],
    [Math.floor(n / 1e4) % 1e4, '万'],
    [n % 1e4, ''],
  ];
  let out = '';
  let gap = false;
  for (const [m, name] of parts) {
    if (m === 0) {
      if (out) gap = true;
      continue;
    }
    if (out && (gap || m < 1000)) out += '零';
    gap = false;
    out += section(m, out === '') + name;
  }
  return out;
}

const FORMAL: Record<string, string> = {
  一: '壹',
  二: '贰',
  三: '叁',
  四: '肆',
  五: '伍',
  六: '陆',
  七: '柒',
  八: '捌',
  九: '玖',
  十: '拾',
  百: '佰',
  千: '仟',
};

/** n in one of the ways a report writes it. */
const writing = (n: number) =>
  fc.constantFrom('ascii', 'grouped', 'fullGrouped', 'fullWidth', 'chinese', 'liang', 'formal').map((how): string => {
    const s = String(n);
    const zh = toChinese(n);
    switch (how) {
      case 'grouped':
        return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      case 'fullGrouped':
        return Array.from(s.replace(/\B(?=(\d{3})+(?!\d))/g, '，'), (c) => (/\d/.test(c) ? FULL_WIDTH(c) : c)).join('');
      case 'fullWidth':
        return Array.from(s, FULL_WIDTH).join('');
      case 'chinese':
        return zh;
      case 'liang':
        return zh.replace(/二(?=[千百万亿])/g, '两');
      case 'formal':
        return Array.from(zh, (c) => FORMAL[c] ?? c).join('');
      default:
        return s;
    }
  });

const count = fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 999_999_999_999 }));

describe('fuzzing prose figures', () => {
  it(
    'reads every standard writing of a count as that count',
    () => {
      fc.assert(
        fc.property(
          count.chain((n) => fc.tuple(fc.constant(n), writing(n))),
          ([n, w]) => {
            expect(readProseFigure(w.normalize('NFKC')), w).toBe(n);
            expect(readChineseNumeral(toChinese(n))).toBe(n);
          },
        ),
        cheap,
      );
    },
    TIMEOUT,
  );

  it(
    'a whole-year sentence states the count it writes, whichever way it is written',
    () => {
      fc.assert(
        fc.property(
          count.chain((n) => fc.tuple(fc.constant(n), writing(n))),
          fc.constantFrom('共收到政府信息公开申请', '新收申请', '本机关受理依申请公开', '累计接收公开信息申请'),
          ([n, w], verb) => {
            const text = `2023年，本机关${verb}${w}件。`;
            expect(statements([{ text, norm: norm(text), scoped: true }], 2023).map((x) => [x.figure, x.value])).toEqual([
              ['newReceived', n],
            ]);
          },
        ),
        { seed: SEED, numRuns: RUNS * 3 },
      );
    },
    TIMEOUT,
  );

  it(
    'never throws on any text, and every figure it reads is a safe whole count',
    () => {
      const prose = fc
        .array(
          fc.oneof(
            fc.constantFrom(
              '2023年',
              '收到申请',
              '办结',
              '予以公开',
              '不掌握',
              '无法提供',
              '行政复议',
              '较上年增加',
              '其中',
              '，',
              '。',
              '；',
              '件',
              '（',
              '）',
            ),
            numberish,
            chinese,
            huge,
            fc.string({ maxLength: 5 }),
          ),
          { maxLength: 12 },
        )
        .map((xs) => xs.join(''));
      fc.assert(
        fc.property(prose, fc.string({ maxLength: 8 }), (text, other) => {
          expect(readProseFigure(other) ?? 0).toSatisfy(safe);
          for (const st of statements([{ text, norm: norm(text), scoped: true }], 2023)) {
            expect(Number.isSafeInteger(st.value) && st.value >= 0, `${text} → ${st.value}`).toBe(true);
            for (const i of st.besideItems ?? []) expect(Number.isSafeInteger(i.value)).toBe(true);
          }
        }),
        cheap,
      );
    },
    TIMEOUT,
  );
});

// ——— a 表三 of random cells, read whole ———

const PAGE = readFileSync(new URL('seed001-plain.html', FIXTURES), 'utf8');

/** Every number anywhere in a record. */
function numbers(x: unknown): number[] {
  if (typeof x === 'number') return [x];
  if (x === null || typeof x !== 'object') return [];
  return Object.values(x).flatMap(numbers);
}

describe('fuzzing a report whose cells are random strings', () => {
  it(
    'the record passes its schema, holds only safe numbers and survives JSON unchanged',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.nat(), anyCell), { minLength: 1, maxLength: 12 }), async (edits) => {
          const { window } = new JSDOM(PAGE, { url: 'http://www.example.gov.cn/fuzz.html' });
          try {
            const cells = Array.from(window.document.querySelectorAll('table td'));
            for (const [i, text] of edits) {
              const td = cells[i % cells.length];
              if (td) td.textContent = text;
            }
            const { record } = analyze(window.document, { capturedAt: CAPTURED });
            expect(ReportRecord.safeParse(record).success).toBe(true);
            expect(numbers(record).filter((n) => !safe(n))).toEqual([]);
            expect(JSON.parse(JSON.stringify(record))).toEqual(record);
            // No equation is an error unless its arithmetic, on the cells as read, truly fails.
            for (const f of record.findings) {
              if (f.rule.startsWith('t3.') && f.status === 'fail') expect(f.difference).not.toBe(0);
            }
          } finally {
            window.close();
            await new Promise((turned) => setImmediate(turned));
          }
        }),
        { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
      );
    },
    TIMEOUT,
  );
});
