/**
 * Reading a figure written in words or digits — Chinese numerals past 十 (百, 千, 万, 亿, 两, the
 * formal 壹贰叁), digits with thousands separators, 1.2万 — into a number that is always finite and
 * safe (|n| ≤ Number.MAX_SAFE_INTEGER), or null when the writing is not a figure read with confidence.
 */

/** Whether a figure can be added and compared exactly: finite and within the safe integers' range. */
export function isSafeFigure(n: number): boolean {
  return Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER;
}

/** -0 would not survive a JSON round trip (it comes back as 0). */
export const unsigned0 = (n: number): number => (n === 0 ? 0 : n);

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  貳: 2,
  两: 2,
  兩: 2,
  三: 3,
  叁: 3,
  參: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  陸: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** Every character `readChineseNumeral` knows, for building patterns. */
export const CHINESE_NUMERAL_CHARS = [...Object.keys(DIGIT), ...Object.keys(SMALL_UNIT), ...Object.keys(BIG_UNIT)].join('');

/**
 * One section below 万 (一千二百三十四, 十二, 零五, 一百五), given the unit of the section above it (or
 * null when it is the first). Null for what is not a numeral: two digits in a row (一二), units out of
 * order (十百), a 零 that does not stand between two figures.
 */
function section(chars: string[], after: number | null): number | null {
  if (chars.length === 1 && DIGIT[chars[0] as string] === 0 && after === null) return 0;
  let total = 0;
  let digit: number | null = null;
  let digitAfterZero = false;
  let zeroPending = false;
  let lastUnit = 1e4;
  for (const [i, ch] of chars.entries()) {
    const d = DIGIT[ch];
    if (d === 0) {
      if (digit !== null || zeroPending || (i === 0 && after === null)) return null;
      zeroPending = true;
      continue;
    }
    if (d !== undefined) {
      if (digit !== null) return null;
      digit = d;
      digitAfterZero = zeroPending;
      zeroPending = false;
      continue;
    }
    const u = SMALL_UNIT[ch];
    if (u === undefined || u >= lastUnit) return null;
    // 十 may stand without its digit at the start (十二) or after 零 (一千零十); other units need one.
    if (digit === null && !(u === 10 && ((i === 0 && after === null) || zeroPending))) return null;
    total += (digit ?? 1) * u;
    digit = null;
    zeroPending = false;
    lastUnit = u;
  }
  if (zeroPending) return null;
  if (digit === null) return total;
  // A digit right after 百 or 千 is the next unit down (一百五 = 150, 两千五 = 2500); after 零, or after
  // 十, it is units. A lone digit after 万 or 亿 is a thousand or ten million each (一万五 = 15000).
  if (lastUnit < 1e4) return total + digit * (lastUnit > 10 && !digitAfterZero ? lastUnit / 10 : 1);
  return after !== null && !digitAfterZero ? digit * (after / 10) : digit;
}

/**
 * A figure in Chinese numerals up to 亿 (一千二百三十四 → 1234, 一万零五 → 10005, 两千 → 2000,
 * 十二万三千 → 123000, 壹佰 → 100), or null when the characters are not one numeral (一二三, 十百, 万万).
 */
export function readChineseNumeral(s: string): number | null {
  if (s.length === 0 || s.length > 40) return null;
  let rest = Array.from(s);
  let total = 0;
  let prevBig: number | null = null;
  for (const big of [1e8, 1e4]) {
    const at = rest.findIndex((ch) => BIG_UNIT[ch] === big);
    if (at < 0) continue;
    if (rest.slice(at + 1).some((ch) => BIG_UNIT[ch] === big)) return null;
    const head = rest.slice(0, at);
    const value = head.length === 0 ? null : big === 1e8 ? readChineseNumeral(head.join('')) : section(head, prevBig);
    if (value === null || value === 0) return null;
    total += value * big;
    prevBig = big;
    rest = rest.slice(at + 1);
  }
  if (rest.some((ch) => BIG_UNIT[ch] !== undefined)) return null;
  const low = rest.length === 0 ? (prevBig === null ? null : 0) : section(rest, prevBig);
  if (low === null) return null;
  const value = total + low;
  return isSafeFigure(value) ? value : null;
}

const GROUPED = /^\d{1,3}(?:,\d{3})+$/;
const PLAIN = /^\d+$/;
const WITH_BIG_UNIT = /^(\d+)(?:\.(\d+))?([万亿])$/;

/**
 * An integer written in ASCII digits, plainly or with thousands separators (1,291), or null when it
 * is beyond the safe integers (a run of 400 digits) or the separators are misplaced (1,29).
 */
export function readDigits(s: string): number | null {
  if (!PLAIN.test(s) && !GROUPED.test(s)) return null;
  const digits = s.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > 16) return null;
  const n = Number(digits);
  return isSafeFigure(n) ? n : null;
}

/**
 * A count as the prose writes it (already NFKC-normalised: ASCII digits and commas): 1291, 1,291,
 * 1.2万, 一千二百九十一. Null for what is not a whole count read with confidence (1.5, 1,29, 一二).
 */
export function readProseFigure(s: string): number | null {
  if (/^[\d,]+$/.test(s)) return readDigits(s);
  const m = WITH_BIG_UNIT.exec(s);
  if (m) {
    const [, int = '', frac = '', unit] = m;
    const scale = unit === '亿' ? 8 : 4;
    if (frac.length > scale) return null;
    // Shift the decimal point in the digits themselves: 1.2万 → "12" + "000", never 1.2 × 10000.
    const digits = `${int}${frac.padEnd(scale, '0')}`;
    return readDigits(digits);
  }
  return readChineseNumeral(s);
}
