import { toSimplified } from './t2s';

/** Characters that take no room: zero-width space, non-joiner and joiner, word joiner, soft hyphen, BOM. */
const INVISIBLE = /[\u200b-\u200d\u2060\u00ad\ufeff]/g;
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);
const SPACE = /[\s\u00a0\u3000]+/g;
/** What `norm` drops: white space (as SPACE), invisible characters and quotes, in one pass. */
const DROPPED = /[\s\u00a0\u3000\u200b-\u200d\u2060\u00ad\ufeff"'“”‘’「」『』]+/g;

/** The text as shown: invisible characters dropped, white space (incl. &nbsp; and the ideographic space) collapsed, trimmed. */
export function squash(s: string): string {
  return (HAS_INVISIBLE.test(s) ? s.replace(INVISIBLE, '') : s).replace(SPACE, ' ').trim();
}

/**
 * The form all text is compared in: NFKC (full-width digits, letters and brackets become
 * half-width: （一）→ (一)), traditional → simplified, no white space, no invisible characters, no quotes.
 */
export function norm(s: string): string {
  // Most table cells are short ASCII ("0", "12"): NFKC and t2s leave those as they are.
  if (ASCII.test(s)) return s.replace(DROPPED, '');
  // Prose is normalised once per reading (lines keep theirs: prose/lines.ts); labels, short and
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

const NUMBERING = /^(?:[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十]+\)|\(\d+\)|\d+[、.．)]|第[一二三四五六七八九十]+[项条])+/;
/** Circled and parenthesised numbers as numbering, before NFKC makes them digits like any other. */
const CIRCLED_NUMBERING = /^[\s\u3000]*[\u2460-\u249b\u24ea\u24f5-\u24fe\u2776-\u2793]/;
/**
 * Footnote marks in a label: circled numbers and superscript digits, taken out before NFKC makes
 * them digits. Anywhere, not only last: another mark or a unit may follow (「3.其他①*」,
 * 「3.其他①（件）」), and left in, ① would read as part of the label (「其他1」).
 */
const CIRCLED_MARKS = /[\u00b9\u00b2\u00b3\u2070-\u2079\u2460-\u2473\u2776-\u2793]+/g;
/** Footnote marks anywhere in a (normalised) label. */
const MARKS = /[*※†‡#▲△☆★◆◇●○■□]+/g;
/** A unit or a note in brackets: （件） (万元) （单位：件） 【注1】, after NFKC. */
const UNIT =
  /[(【〔[](?:(?:单位|计量单位)[:：]?)?(?:件|项|个|万元|元|人次|次|条|宗|起|家|份|篇|%|个数|数量)[)】〕\]]|[(【〔[]注\d*[)】〕\]]/g;

/**
 * A label as the template's labels are compared: normalised (`norm`), without its leading numbering
 * (一、 (一) 1. ①), footnote marks (* ※ ① ¹), and units or notes in brackets (（件） (万元)).
 * 「（七）总计（件）」 and 「合　计※」 are 「总计」 and 「合计」 like 「（七）总计」.
 */
export function labelCore(s: string): string {
  let c = coreCache.get(s);
  if (c === undefined) {
    const bare = s.replace(CIRCLED_NUMBERING, '').replace(CIRCLED_MARKS, '');
    c = norm(bare).replace(MARKS, '').replace(UNIT, '').replace(NUMBERING, '');
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
