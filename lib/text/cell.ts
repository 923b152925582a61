import type { Cell } from '../record/schema';
import { squash } from './normalize';

/** What a column allows: counts are whole and ≥ 0; 本年增/减 may be negative; money may be decimal. */
export interface Domain {
  negative?: boolean;
  decimal?: boolean;
}

const PLACEHOLDER = /^(?:[/／\\\-－—–―─━_~～*×xX]+|无|無|空|暂无|暫無|n\/?a)$/i;
const UNIT = '(?:万元|元|件|项|項|个|個|条|條|次|宗|起|人次|家|份|篇)';
const PLAIN_NUMBER = new RegExp(`^([+-])?(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(${UNIT})?$`);
const ANY_NUMBER = new RegExp(`([+-]?)(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?\\s*(${UNIT})?`, 'g');
const DIGITS = /^\d+$/;
const TOTAL_WORD = /(?:共计?|合计|总计|总数|累计)\s*[:：]?\s*$/;

/**
 * Read one table cell as rules.md says: a number (full-width digits, thousands separators, a unit,
 * a sign are parsed and noted), a blank, a placeholder, or text whose best reading is kept in
 * `value` with the reading explained in `notes`. `raw` is always the text as shown.
 */
export function parseCell(rawText: string): Cell {
  const raw = squash(rawText);
  // Most cells are plain ASCII digits: the same reading as below, without NFKC and the full pattern.
  if (DIGITS.test(raw)) return { value: Number(raw), raw, kind: 'number' };
  if (raw === '') return { value: null, raw, kind: 'blank' };
  if (PLACEHOLDER.test(raw)) return { value: null, raw, kind: 'placeholder' };

  const half = raw.normalize('NFKC');
  const compact = half.replace(/\s+/g, '');
  const notes: string[] = [];
  if (half !== raw) notes.push('全角字符已转为半角');

  const m = PLAIN_NUMBER.exec(compact);
  if (m) {
    const [, sign, int = '', frac = '', unit] = m;
    const value = Number((sign === '-' ? '-' : '') + int.replace(/,/g, '') + frac);
    if (int.includes(',')) notes.push('千位分隔符');
    if (sign) notes.push(`带符号 ${sign}`);
    if (unit) notes.push(`单位：${unit}`);
    return withNotes({ value, raw, kind: 'number', ...(unit ? { unit: simplifiedUnit(unit) } : {}) }, notes);
  }
  return readText(raw, half, notes);
}

interface Figure {
  value: number;
  unit: string | undefined;
  afterTotalWord: boolean;
}

/** Best reading of a cell that holds words or several numbers. */
function readText(raw: string, half: string, notes: string[]): Cell {
  const figures: Figure[] = [];
  for (const m of half.matchAll(ANY_NUMBER)) {
    const [, sign, int = '', frac = '', unit] = m;
    const before = half.slice(0, m.index);
    // A year (2023年) is a date, not a figure.
    if (!unit && /^\s*年/.test(half.slice((m.index ?? 0) + m[0].length))) continue;
    figures.push({
      value: Number((sign === '-' ? '-' : '') + int.replace(/,/g, '') + frac),
      unit: unit ? simplifiedUnit(unit) : undefined,
      afterTotalWord: TOTAL_WORD.test(before),
    });
  }
  if (figures.length === 0) {
    notes.push('单元格为文字，没有可读的数字');
    return withNotes({ value: null, raw, kind: 'text' }, notes);
  }
  const reading = bestReading(figures);
  notes.push(`读作 ${reading.explain}`);
  const unit = reading.unit;
  return withNotes({ value: reading.value, raw, kind: 'text', ...(unit ? { unit } : {}) }, notes);
}

function bestReading(figures: Figure[]): { value: number; unit: string | undefined; explain: string } {
  const stated = figures.find((f) => f.afterTotalWord);
  if (stated) return { value: stated.value, unit: stated.unit, explain: `${stated.value}（文中所写合计）` };
  if (figures.length === 1) {
    const f = figures[0] as Figure;
    return { value: f.value, unit: f.unit, explain: String(f.value) };
  }
  // Several figures: cases (件) are what a 处理决定数量 column counts; items (项) describe the catalogue.
  const units = new Set(figures.map((f) => f.unit));
  let group = figures;
  if (units.size > 1) {
    const preferred = ['件', '元', '万元'].find((u) => figures.some((f) => f.unit === u));
    group = preferred ? figures.filter((f) => f.unit === preferred) : figures.slice(-1);
  }
  if (group.length === 1) {
    const f = group[0] as Figure;
    return { value: f.value, unit: f.unit, explain: `${f.value}${f.unit ?? ''}（取以「${f.unit ?? ''}」计的数）` };
  }
  // A breakdown such as 「一般案件:20件;简易案件:236件」 is read as its sum.
  const value = round(group.reduce((s, f) => s + f.value, 0));
  const unit = group[0]?.unit;
  return { value, unit, explain: `${group.map((f) => f.value).join(' + ')} = ${value}（分项相加）` };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function simplifiedUnit(u: string): string {
  return u.replace('項', '项').replace('個', '个').replace('條', '条');
}

function withNotes(cell: Cell, notes: string[]): Cell {
  return notes.length ? { ...cell, notes } : cell;
}

/** Whether a parsed number respects the column's domain (rules.md `cell.domain`). */
export function domainProblem(cell: Cell, domain: Domain = {}): string | null {
  if (cell.value === null) return null;
  if (cell.value < 0 && !domain.negative) return '不应为负数';
  if (!Number.isInteger(cell.value) && !domain.decimal) return '应为整数';
  return null;
}
