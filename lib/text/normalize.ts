import { toSimplified } from './t2s';

const SPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;
/** What `norm` drops: white space (as SPACE) and quotes, in one pass. */
const DROPPED = /[\s\u00a0\u3000\u200b\ufeff"'“”‘’「」『』]+/g;

/** Collapse white space (incl. &nbsp; and the ideographic space) and trim. */
export function squash(s: string): string {
  return s.replace(SPACE, ' ').trim();
}

/**
 * The form every label is compared in: NFKC (full-width digits, letters and brackets become
 * half-width: （一）→ (一)), traditional → simplified, no white space, no quotes.
 */
export function norm(s: string): string {
  // Most table cells are short ASCII ("0", "12"): NFKC and t2s leave those as they are.
  if (ASCII.test(s)) return s.replace(DROPPED, '');
  // Prose is normalised once per reading (lines keep theirs: detect/lines.ts); labels, short and
  // repeated across tables, are worth a memo.
  if (s.length > MEMO_LENGTH) return fold(s);
  let n = cache.get(s);
  if (n === undefined) {
    n = fold(s);
    if (cache.size > CACHE_LIMIT) cache.clear();
    cache.set(s, n);
  }
  return n;
}

/** `norm` of text that is not all ASCII, unmemoised. */
function fold(s: string): string {
  return toSimplified(s.normalize('NFKC')).replace(DROPPED, '');
}

const ASCII = /^[\x00-\x7f]*$/;
/** Labels repeat across rows, tables and pages; a bounded memo keeps every label normalised once. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 4096;
/** Longer than a label can be (MAX_LABEL, tables/classify.ts, is 80): not memoised. */
const MEMO_LENGTH = 160;

const NUMBERING =
  /^(?:[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十]+\)|\(\d+\)|\d+[、.．)]|[①-⑳⑴-⒇]|第[一二三四五六七八九十]+[项条])+/;

/** A normalised label without its leading numbering (一、 (一) 1. ①). */
export function labelCore(s: string): string {
  let c = coreCache.get(s);
  if (c === undefined) {
    c = norm(s).replace(NUMBERING, '');
    if (coreCache.size > CACHE_LIMIT) coreCache.clear();
    coreCache.set(s, c);
  }
  return c;
}

const coreCache = new Map<string, string>();

/** Chinese numerals up to 9999 (零 一 二 … 十 百 千), as figures are sometimes written in words. */
export function chineseNumeral(s: string): number | null {
  const digits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let current = 0;
  let seen = false;
  for (const ch of s) {
    if (ch in digits) {
      current = digits[ch] as number;
      seen = true;
    } else if (ch in units) {
      total += (current || 1) * (units[ch] as number);
      current = 0;
      seen = true;
    } else return null;
  }
  return seen ? total + current : null;
}

const CN_DIGIT: Record<string, string> = {
  〇: '0',
  零: '0',
  Ｏ: '0',
  O: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** Years written in Chinese numerals (二〇二三年) as digits (2023年). */
export function digitYears(s: string): string {
  return s.replace(/([〇零Ｏ一二三四五六七八九]{4})(?=年)/g, (m) => Array.from(m, (ch) => CN_DIGIT[ch] ?? ch).join(''));
}
