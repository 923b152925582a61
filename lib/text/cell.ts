import type { Cell } from '../record/schema';
import { squash } from './normalize';
import { CHINESE_NUMERAL_CHARS, isSafeFigure, readChineseNumeral, readDigits, unsigned0 } from './numerals';
import { eitherScript, toSimplified } from './t2s';

/** What a column allows: counts are whole and ≥ 0; 本年增/减 may be negative; money may be decimal. */
export interface Domain {
  negative?: boolean;
  decimal?: boolean;
}

const PLACEHOLDER = new RegExp(eitherScript(/^(?:[/／\\\-－—–―─━_~～*×xX]+|无|空|暂无|n\/?a)$/.source), 'i');
const UNIT = eitherScript('(?:万元|元|件|项|个|条|次|宗|起|人次|家|份|篇)');
const PLAIN_NUMBER = new RegExp(`^([+-])?(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(${UNIT})?$`);
const FIGURE = /([+-]?)(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?/g;
const UNIT_AT = new RegExp(`^${UNIT}`);
/** Short runs of ASCII digits: the common cell, safe by length (15 digits < 2^53). */
const DIGITS = /^\d{1,15}$/;
const TOTAL_WORD = /(?:共计?|合计|总计|总数|总量|累计)[:：]?$/;
/** After these words the figures are a part of the one before (12件，其中依申请3件), not added to it. */
const PART_WORD = /其中|包括|包含|含|另有/g;
const OPEN = '([【〔［〈《';
const CLOSE = ')]】〕］〉》';
/** A cell that is a Chinese numeral and perhaps its unit (十二件). */
const CHINESE_ONLY = new RegExp(`^([${CHINESE_NUMERAL_CHARS}]+)(件|项|个|宗|起|次|家|份|篇)?$`);
/** Signs other than `-` that cells write for minus. */
const MINUS = /[−﹣]/g;

const NOTE_TOO_LARGE = '数字超出可精确计算的范围（大于 9007199254740991），不参与核算';
const NOTE_UNCLEAR = '数字写法不明确（指数、十六进制、分数、上标、范围或时间等），不参与核算';

/**
 * Read one table cell as rules.md says: a number (full-width digits, thousands separators, a unit,
 * a sign are parsed and noted), a blank, a placeholder, or text whose best reading is kept in
 * `value` with the reading explained in `notes`. `raw` is always the text as shown. A value is always
 * a safe number: a cell whose number cannot be read with confidence is text with value null.
 */
export function parseCell(rawText: string): Cell {
  const raw = squash(rawText);
  // Most cells are plain ASCII digits: the same reading as below, without NFKC and the full pattern.
  if (DIGITS.test(raw)) return { value: Number(raw), raw, kind: 'number' };
  if (raw === '') return { value: null, raw, kind: 'blank' };
  if (PLACEHOLDER.test(raw)) return { value: null, raw, kind: 'placeholder' };

  const notes: string[] = [];
  // A figure past 2^53 needs a run of 16 digits; most cells have none.
  if (LONG_RUN.test(raw) && hasUnsafeFigure(raw)) return withNotes({ value: null, raw, kind: 'text' }, [NOTE_TOO_LARGE]);
  // ½, ², ⑫ and the like become digits under NFKC (1⁄2, 2, 12): they are not what a count writes.
  if (UNUSUAL.test(raw) && oddDigits(raw)) return withNotes({ value: null, raw, kind: 'text' }, [NOTE_UNCLEAR]);
  const half = raw.normalize('NFKC').replace(MINUS, '-');
  const compact = half.replace(/\s+/g, '');
  if (half !== raw) notes.push('全角字符已转为半角');

  const m = PLAIN_NUMBER.exec(compact);
  if (m) {
    const [, sign, int = '', frac = '', unit] = m;
    const value = unsigned0(Number((sign === '-' ? '-' : '') + int.replace(/,/g, '') + frac));
    if (!isSafeFigure(value)) return withNotes({ value: null, raw, kind: 'text' }, [NOTE_TOO_LARGE]);
    if (int.includes(',')) notes.push('千位分隔符');
    if (sign) notes.push(`带符号 ${sign}`);
    if (unit) notes.push(`单位：${unit}`);
    return withNotes({ value, raw, kind: 'number', ...(unit ? { unit: simplifiedUnit(unit) } : {}) }, notes);
  }
  return readText(raw, compact, notes);
}

/** A digit run (thousands separators aside) beyond the safe integers: no reading of it is exact. */
export function hasUnsafeFigure(raw: string): boolean {
  const digits = raw.normalize('NFKC').match(/\d{1,3}(?:,\d{3})+(?!\d)|\d+/g);
  if (!digits) return false;
  return digits.some((d) => {
    const run = d.replace(/,/g, '').replace(/^0+/, '');
    return run.length > 16 || (run.length === 16 && Number(run) > Number.MAX_SAFE_INTEGER);
  });
}

/** Characters other than ASCII, CJK and its punctuation, and full-width forms: only these may be digits in disguise. */
const UNUSUAL = /[^\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
/** Sixteen digits or more in a row (with separators), in either width. */
const LONG_RUN = /[0-9０-９][0-9０-９,，]{15}/;

/** A character NFKC turns into a digit that is not a digit as written (full-width digits are). */
function oddDigits(raw: string): boolean {
  for (const ch of raw) {
    if (ch < '\u0080' || (ch >= '\uff10' && ch <= '\uff19') || (ch >= '\u4e00' && ch <= '\u9fff')) continue;
    if (/\d/.test(ch.normalize('NFKC'))) return true;
  }
  return false;
}

interface Figure {
  value: number;
  unit: string | undefined;
  afterTotalWord: boolean;
  /** Inside brackets or after 其中/包括…: a part of another figure. */
  part: boolean;
  /** Words stand before it since the previous figure (一般案件:20件): it names what it counts. */
  labelled: boolean;
  start: number;
  end: number;
}

/** Figures of a cell's text, or why it has no reading (a figure written oddly, or not exactly). */
function figuresOf(s: string): Figure[] | 'unclear' {
  const figures: Figure[] = [];
  let partFrom: number | undefined;
  let prevEnd = 0;
  for (const m of s.matchAll(FIGURE)) {
    const [text, sign = '', int = '', frac = ''] = m;
    const start = m.index ?? 0;
    const end = start + text.length;
    const before = s[start - 1] ?? '';
    const after = s[end] ?? '';
    const next = s[end + 1] ?? '';
    // A list's numbering (1.一般案件…, 2、简易案件…) names an item; it counts nothing.
    if (/[.、)]/.test(after) && !/\d/.test(next) && (start === 0 || /[;,、(\s]/.test(before))) continue;
    // 1.2e5, 0x10, 1/2, 10^3, 1-2, 1~2, 1,23, 10:30, 1.2.3, a number glued to Latin letters.
    if (/[A-Za-z./⁄∕^_#×]/.test(before) || /[A-Za-z/⁄∕^_#×]/.test(after)) return 'unclear';
    if (after === '.' && /\d/.test(next)) return 'unclear';
    if (sign && /[\d+-]/.test(before)) return 'unclear';
    if (/[-~～,:]/.test(after) && /\d/.test(next)) return 'unclear';
    if (before === ',' && /\d/.test(s[start - 2] ?? '')) return 'unclear';
    // A date (2023年, 12月31日), a share (100%), an ordinal (第3批) is not what the cell counts.
    const unitMatch = UNIT_AT.exec(s.slice(end));
    if (!unitMatch && /^[年月日时号%‰]/.test(after)) continue;
    if (before === '第') continue;
    const n = readDigits(int);
    if (n === null) return 'unclear';
    const value = unsigned0(Number(`${sign === '-' ? '-' : ''}${n}${frac}`));
    partFrom ??= firstPartWord(s);
    figures.push({
      value,
      unit: unitMatch ? simplifiedUnit(unitMatch[0]) : undefined,
      afterTotalWord: TOTAL_WORD.test(s.slice(0, start)),
      part: (partFrom >= 0 && start > partFrom) || bracketDepth(s, start) > 0,
      labelled: /[\u4e00-\u9fff]/.test(s.slice(prevEnd, start)),
      start,
      end: end + (unitMatch?.[0].length ?? 0),
    });
    prevEnd = end + (unitMatch?.[0].length ?? 0);
  }
  return figures;
}

function firstPartWord(s: string): number {
  PART_WORD.lastIndex = 0;
  const m = PART_WORD.exec(s);
  return m ? m.index : -1;
}

function bracketDepth(s: string, at: number): number {
  let depth = 0;
  for (let i = 0; i < at; i++) {
    const ch = s[i] as string;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch) && depth > 0) depth--;
  }
  return depth;
}

/**
 * Best reading of a cell that holds words or several numbers. The rule, case by case:
 * - a figure after 共/合计/总计/累计 is the cell's own total (共256件，其中一般20件 → 256);
 * - figures in brackets or after 其中/包括 are parts and never added (12件（其中依申请3件） → 12);
 * - one remaining figure is the reading (2023年新增3件 → 3: a date is not a figure);
 * - of figures in different units, the one in 件 (then 元, 万元) when it is alone in that unit
 *   (7项 办件:1151件 → 1151: a 处理决定数量 column counts cases);
 * - figures each named by its own words, in one unit, separated by ；，、 are a breakdown read as its
 *   sum (一般案件:20件;简易案件:236件 → 256);
 * - anything else (20、236; 7项 3个; a figure written oddly) has no sure reading: value null.
 * Chinese numerals alone in a cell (十二件) are read as such.
 */
function readText(raw: string, compact: string, notes: string[]): Cell {
  const text = (value: number | null, note: string, unit?: string): Cell => textCell(raw, value, notes, note, unit);
  const figures = figuresOf(compact);
  if (figures === 'unclear') return text(null, NOTE_UNCLEAR);
  if (figures.length === 0) {
    const words = CHINESE_ONLY.exec(compact);
    const n = words?.[1] ? readChineseNumeral(words[1]) : null;
    if (n !== null) return text(n, `读作 ${n}（中文数字）`, words?.[2] ? simplifiedUnit(words[2]) : undefined);
    return text(null, '单元格为文字，没有可读的数字');
  }
  const main = figures.filter((f) => !f.part);
  const parts = figures.length - main.length;
  const partsNote = parts ? `（括号内或「其中」之后的 ${parts} 个分项不计）` : '';
  const stated = main.filter((f) => f.afterTotalWord);
  if (stated.length) {
    const f = stated[0] as Figure;
    if (stated.some((x) => x.value !== f.value))
      return text(null, `写了几个不同的合计（${stated.map((x) => x.value).join('、')}），无法确定`);
    return text(f.value, `读作 ${f.value}（文中所写合计）`, f.unit);
  }
  if (main.length === 0) return text(null, '只有分项，没有总数，不参与核算');
  if (main.length === 1) {
    const f = main[0] as Figure;
    return text(f.value, `读作 ${f.value}${partsNote}`, f.unit);
  }
  let group = main;
  if (new Set(main.map((f) => f.unit)).size > 1) {
    const preferred = ['件', '元', '万元'].find((u) => main.some((f) => f.unit === u));
    group = main.filter((f) => preferred !== undefined && f.unit === preferred);
    if (group.length === 1) {
      const f = group[0] as Figure;
      return text(f.value, `读作 ${f.value}${f.unit}（取以「${f.unit}」计的数）${partsNote}`, f.unit);
    }
    if (group.length === 0) return text(null, '有多个不同单位的数字，无法确定取哪一个');
  }
  if (additive(compact, group)) {
    const value = Math.round(group.reduce((s, f) => s + f.value, 0) * 1e6) / 1e6;
    if (!isSafeFigure(value)) return text(null, NOTE_TOO_LARGE);
    return text(value, `读作 ${group.map((f) => f.value).join(' + ')} = ${value}（分项相加）${partsNote}`, group[0]?.unit);
  }
  return text(null, `有多个数字（${group.map((f) => f.value).join('、')}），无法确定取哪一个`);
}

/** A text cell, its notes ending with how it was read. */
function textCell(raw: string, value: number | null, notes: string[], note: string, unit: string | undefined): Cell {
  notes.push(note);
  const cell: Cell = { value, raw, kind: 'text' };
  if (unit) cell.unit = unit;
  cell.notes = notes;
  return cell;
}

/** Items each named by words and separated by ；，、 (一般案件:20件;简易案件:236件). */
function additive(s: string, group: Figure[]): boolean {
  return group.every((f, i) => {
    if (!f.labelled) return false;
    const prev = group[i - 1];
    return !prev || /[;,、]/.test(s.slice(prev.end, f.start));
  });
}

function simplifiedUnit(u: string): string {
  return toSimplified(u);
}

function withNotes(cell: Cell, notes: string[]): Cell {
  return notes.length ? { ...cell, notes } : cell;
}

/** A cell whose figure is beyond the safe integers (reported by cell.domain, and by it alone). */
export function tooLarge(cell: Cell): boolean {
  return cell.value === null && cell.kind === 'text' && (cell.notes?.includes(NOTE_TOO_LARGE) === true || hasUnsafeFigure(cell.raw));
}

/** Whether a parsed number respects the column's domain (rules.md `cell.domain`). */
export function domainProblem(cell: Cell, domain: Domain = {}): string | null {
  if (cell.value === null) return tooLarge(cell) ? '数字过大，超出可精确计算的范围' : null;
  if (cell.value < 0 && !domain.negative) return '不应为负数';
  if (!Number.isInteger(cell.value) && !domain.decimal) return '应为整数';
  return null;
}
