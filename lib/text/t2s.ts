/**
 * Traditional → simplified characters for the engine's vocabulary (titles, section headings, table
 * labels, the narrative's words, agency names), and patterns that match raw text in either script.
 * The table is generated from OpenCC's dictionaries (lib/text/t2s.data.ts, scripts/gen-t2s.ts); a
 * full converter weighs megabytes, and the content script only needs the characters it matches on.
 */
import { MARKERS, PHRASES, SIMPLIFIED, TRADITIONAL } from './t2s.data';

export { MARKERS };

/**
 * No traditional character of the table is a simplified character of it (the generator sees to it),
 * so the traditional characters joined are the class to look for: one pattern made at load, no
 * table (the reader loads this module cold on every report page; the map waits for a first use).
 */
const TRAD_CHAR = new RegExp(`[${TRADITIONAL}]`, 'g');

/** The same characters, one test: most text, simplified, has none, and a test says so faster than a replacement. */
const HAS_TRAD = new RegExp(TRAD_CHAR.source);

/** Built the first time a traditional character is found: most pages never need it. */
let map: Map<string, string> | undefined;

function simplifiedOf(ch: string): string {
  if (!map) {
    map = new Map();
    for (let i = 0; i < TRADITIONAL.length; i++) map.set(TRADITIONAL[i] as string, SIMPLIFIED[i] as string);
  }
  return map.get(ch) ?? ch;
}

/** Simplified characters for traditional ones; words s2twp writes otherwise (資訊) as the vocabulary's (信息). */
export function toSimplified(s: string): string {
  if (!HAS_TRAD.test(s)) return s;
  let out = s.replace(TRAD_CHAR, simplifiedOf);
  for (const [reading, word] of PHRASES) if (out.includes(reading)) out = out.replaceAll(reading, word);
  return out;
}

/** The table's variants of a simplified character (none for most). */
export function variantsOf(ch: string): string {
  let out = '';
  for (let i = SIMPLIFIED.indexOf(ch); i >= 0; i = SIMPLIFIED.indexOf(ch, i + 1)) out += TRADITIONAL[i];
  return out;
}

/**
 * A pattern written in simplified characters, made to match raw text in either script: each
 * character with variants becomes a class of them (inside a class, its variants join it), and a word
 * s2twp writes otherwise becomes an alternation. For tests that must run on raw text (the first look
 * in the page, cheap prefilters); anything else normalises the text first (`norm`).
 */
export function eitherScript(source: string): string {
  let src = source;
  for (const [reading, word] of PHRASES) if (src.includes(word)) src = src.replaceAll(word, `(?:${word}|${reading})`);
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '\\') {
      out += ch + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    const variants = variantsOf(ch);
    out += variants === '' ? ch : inClass ? ch + variants : `[${ch}${variants}]`;
  }
  return out;
}

/**
 * `eitherScript` of plain words (no pattern syntax) as an alternation, each word also matching with
 * `gap` (a pattern) between its characters: raw text spaces a label out (「第二　十条」, 「合　计」) or
 * hides a zero-width character in it, which `norm` drops but a raw-text test would trip on.
 */
export function eitherScriptWords(words: readonly string[], gap: string): string {
  const out: string[] = [];
  for (const word of words) {
    const forms = [word];
    for (const [reading, w] of PHRASES) if (word.includes(w)) forms.push(...forms.map((f) => f.replaceAll(w, reading)));
    for (const form of forms) out.push(Array.from(form, (ch) => eitherScript(ch)).join(gap));
  }
  return out.join('|');
}

/**
 * The markers as an alternation of classes of 14 characters, not as one class: V8 skips quickly
 * through text holding none of a small class's characters, and gives that up for a class of twenty
 * scattered CJK characters or more.
 */
const MARKER = new RegExp(
  Array.from({ length: Math.ceil(MARKERS.length / 14) }, (_, i) => `[${MARKERS.slice(i * 14, i * 14 + 14)}]`).join('|'),
  'g',
);

/**
 * How many of the first `length` code units of `s` are traditional markers, counting up to `enough`.
 * A regular expression, not a loop over code units: the reader reads a page once, cold, when V8
 * runs a compiled pattern at full speed but interprets a loop.
 */
export function traditionalMarkers(s: string, length: number, enough: number): number {
  const sample = s.length > length ? s.slice(0, length) : s;
  MARKER.lastIndex = 0;
  let n = 0;
  while (n < enough && MARKER.exec(sample)) n++;
  return n;
}
