/**
 * Derives the traditional→simplified table of lib/text/t2s.data.ts from OpenCC's dictionaries
 * (opencc-js): every traditional and regional variant of every character the engine matches on.
 * The vocabulary is the lib's own: the characters of every regular expression in lib/, of the
 * strings of the matching code (lib/record/labels.ts, lib/text, lib/prose, lib/detect, lib/tables:
 * the template's labels and words),
 * and of a small list of agency and place words (agency-words.ts). Each character's variants are
 * what OpenCC's s2t, s2tw, s2hk and s2twp can write for it: its entries in the character and phrase
 * dictionaries, their Taiwan and Hong Kong forms, and the vocabulary converted in context.
 * `npx tsx scripts/gen-t2s.ts` writes the file; tests/lib/t2s.test.ts fails when it is stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenizer, tokTypes } from 'acorn';
import { transformSync } from 'esbuild';
import OpenCC from 'opencc-js';
import STCharacters from 'opencc-js/dict/STCharacters';
import STPhrases from 'opencc-js/dict/STPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWPhrases from 'opencc-js/dict/TWPhrases';
import { AGENCY_WORDS } from './agency-words';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_FILE = 'lib/text/t2s.data.ts';
/** The first look's words in either script (lib/detect/quickWords.ts through `eitherScript`). */
export const QUICK_FILE = 'lib/detect/quick.words.ts';
/** Traditional characters a page of either script is told by (lib/detect/report.ts `scriptOf`). */
const MARKER_COUNT = 54;
/** Where strings are words to match (elsewhere strings are messages; patterns count everywhere). */
const WORD_FOLDERS = ['lib/record/labels.ts', 'lib/text/', 'lib/prose/', 'lib/detect/', 'lib/tables/'];

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const HAS_HAN = new RegExp(HAN.source);

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(`${dir}/${e.name}`) : [`${dir}/${e.name}`]))
    .filter((f) => f.endsWith('.ts') && f !== DATA_FILE && f !== QUICK_FILE)
    .sort();
}

export interface Literal {
  file: string;
  text: string;
}

/** The regular expressions of every lib file and the strings of the matching code, comments left out. */
export function vocabularyLiterals(): Literal[] {
  const out: Literal[] = [];
  for (const file of files('lib')) {
    const js = transformSync(readFileSync(join(ROOT, file), 'utf8'), { loader: 'ts' }).code;
    const words = WORD_FOLDERS.some((f) => file.startsWith(f));
    for (const tok of tokenizer(js, { ecmaVersion: 'latest', sourceType: 'module' })) {
      // acorn's types leave out a token's value: a regular expression's is { pattern, flags }, a string's the string.
      const value = (tok as unknown as { value: unknown }).value;
      if (tok.type === tokTypes.regexp) out.push({ file, text: (value as { pattern: string }).pattern });
      else if (words && (tok.type === tokTypes.string || tok.type === tokTypes.template) && typeof value === 'string')
        out.push({ file, text: value });
    }
  }
  return out.filter((l) => HAS_HAN.test(l.text));
}

function parseDict(dict: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of dict.split('|')) {
    const [key, ...values] = entry.split(' ');
    if (key && values.length) map.set(key, values);
  }
  return map;
}

const convert = {
  s2t: OpenCC.Converter({ from: 'cn', to: 't' }),
  s2tw: OpenCC.Converter({ from: 'cn', to: 'tw' }),
  s2hk: OpenCC.Converter({ from: 'cn', to: 'hk' }),
  s2twp: OpenCC.Converter({ from: 'cn', to: 'twp' }),
  t2tw: OpenCC.Converter({ from: 't', to: 'tw' }),
  t2hk: OpenCC.Converter({ from: 't', to: 'hk' }),
};
const TO_SIMPLIFIED = [
  OpenCC.Converter({ from: 't', to: 'cn' }),
  OpenCC.Converter({ from: 'tw', to: 'cn' }),
  OpenCC.Converter({ from: 'hk', to: 'cn' }),
];

/** A character that no OpenCC conversion to simplified changes: simplified, or shared by both scripts. */
const isSimplified = (c: string): boolean => TO_SIMPLIFIED.every((f) => f(c) === c);

export interface T2sData {
  /** [traditional, simplified] characters, by the traditional character's code point. */
  pairs: [string, string][];
  /** [the simplified reading of an s2twp phrase, the vocabulary's word] (資訊 for 信息). */
  phrases: [string, string][];
  markers: string;
  /** Characters of lib patterns that are themselves traditional (hand-written variants), with their file. */
  traditionalInLib: Literal[];
}

export function t2sData(): T2sData {
  const literals = vocabularyLiterals();
  const texts = [...literals.map((l) => l.text), ...AGENCY_WORDS];
  const traditionalInLib: Literal[] = [];
  const vocab = new Set<string>();
  const frequency = new Map<string, number>();
  for (const l of literals)
    for (const c of l.text.match(HAN) ?? [])
      if (!isSimplified(c) && !traditionalInLib.some((t) => t.text === c && t.file === l.file))
        traditionalInLib.push({ file: l.file, text: c });
  for (const text of texts)
    for (const c of text.match(HAN) ?? []) {
      if (!isSimplified(c)) continue;
      vocab.add(c);
      frequency.set(c, (frequency.get(c) ?? 0) + 1);
    }

  // Words s2twp writes otherwise (資訊 for 信息): their characters join the vocabulary, so that
  // the table turns them into the simplified reading the phrase is folded from.
  const phrases: [string, string][] = [];
  for (const [key, values] of parseDict(TWPhrases)) {
    const word = TO_SIMPLIFIED[0]?.(key) as string;
    if (Array.from(word).length < 2 || !texts.some((t) => t.includes(word))) continue;
    for (const value of values) {
      const reading = TO_SIMPLIFIED[1]?.(value) as string;
      if (reading !== word && !texts.some((t) => t.includes(reading)) && !phrases.some(([r]) => r === reading))
        phrases.push([reading, word]);
    }
  }
  phrases.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [reading] of phrases) for (const c of reading.match(HAN) ?? []) if (isSimplified(c)) vocab.add(c);

  const st = parseDict(STCharacters);
  const ts = parseDict(TSCharacters);
  const candidates = new Map<string, Set<string>>();
  /** `trad` written for `simp`; `inContext`: a conversion of a phrase that simplifies back to the phrase said so. */
  const propose = (simp: string, trad: string, inContext = false): void => {
    if (trad === simp || trad.length !== 1 || vocab.has(trad)) return;
    // A character that simplifies to another (資 in 資訊 for 信息) is a phrase's, not a variant.
    if (!inContext && !(ts.get(trad)?.includes(simp) || TO_SIMPLIFIED.some((f) => f(trad) === simp))) return;
    const set = candidates.get(trad) ?? new Set();
    set.add(simp);
    candidates.set(trad, set);
  };
  /** Each character `converted` writes for one of `simplified`, where writing it back gives that character again. */
  const align = (simplified: string, converted: string): void => {
    const s = Array.from(simplified);
    const t = Array.from(converted);
    if (t.length !== s.length || !s.some((c, i) => c !== t[i] && vocab.has(c))) return;
    const backs = TO_SIMPLIFIED.map((f) => Array.from(f(converted)));
    s.forEach((c, i) => {
      if (c !== t[i] && vocab.has(c) && backs.some((b) => b[i] === c)) propose(c, t[i] as string, true);
    });
  };
  // Every character the phrases of the s2t dictionary write for one of the vocabulary (反覆 for 反复).
  for (const [key, values] of parseDict(STPhrases)) for (const value of values) align(key, value);
  // The vocabulary in context, as each conversion writes it.
  for (const text of texts) for (const conv of [convert.s2t, convert.s2tw, convert.s2hk, convert.s2twp]) align(text, conv(text));
  // Each character alone: the character dictionary's alternatives, and their Taiwan and Hong Kong forms.
  for (const c of vocab) {
    const base = new Set([c, ...(st.get(c) ?? []), ...(candidatesOf(candidates, c) ?? [])]);
    for (const conv of [convert.s2t, convert.s2tw, convert.s2hk, convert.s2twp]) base.add(conv(c));
    for (const t of [...base]) {
      base.add(convert.t2tw(t));
      base.add(convert.t2hk(t));
    }
    for (const t of base) propose(c, t);
  }

  const pairs: [string, string][] = [];
  for (const [trad, simps] of candidates) {
    const options = [...simps].sort();
    const preferred = ts.get(trad)?.find((s) => simps.has(s)) ?? TO_SIMPLIFIED.map((f) => f(trad)).find((s) => simps.has(s));
    pairs.push([trad, preferred ?? (options[0] as string)]);
  }
  pairs.sort((a, b) => (a[0].codePointAt(0) as number) - (b[0].codePointAt(0) as number));

  // Markers: the usual traditional form of the most frequent characters, never itself simplified.
  const byTrad = new Map(pairs);
  const markers = [...vocab]
    .map((c) => ({ c, t: convert.s2tw(c), n: frequency.get(c) ?? 0 }))
    .filter(({ c, t }) => t !== c && byTrad.get(t) === c && !st.has(t) && convert.s2t(t) === t)
    .sort((a, b) => b.n - a.n || (a.t.codePointAt(0) as number) - (b.t.codePointAt(0) as number))
    .slice(0, MARKER_COUNT)
    .map((m) => m.t)
    .join('');
  return { pairs, phrases, markers, traditionalInLib };
}

/** The traditional characters proposed so far for a simplified one. */
function candidatesOf(candidates: Map<string, Set<string>>, simp: string): string[] {
  return [...candidates].filter(([, simps]) => simps.has(simp)).map(([trad]) => trad);
}

/** Long strings as lines of 60 characters joined, so the file stays within the formatter's width. */
function chunked(s: string): string {
  const lines = Array.from(s)
    .reduce<string[]>((acc, c, i) => {
      if (i % 60 === 0) acc.push('');
      acc[acc.length - 1] += c;
      return acc;
    }, [])
    .map((l) => `  '${l}',`);
  return `[\n${lines.join('\n')}\n].join('')`;
}

/** The text of lib/text/t2s.data.ts. */
export function t2sDataFile(data: T2sData = t2sData()): string {
  const trad = data.pairs.map(([t]) => t).join('');
  const simp = data.pairs.map(([, s]) => s).join('');
  const phrases = data.phrases.map(([r, w]) => `  ['${r}', '${w}'],`).join('\n');
  return `// Generated by scripts/gen-t2s.ts from OpenCC's dictionaries (opencc-js): do not edit.
// ${data.pairs.length} characters, ${data.phrases.length} phrases, ${Array.from(data.markers).length} markers.

/** Traditional and regional variants of the engine's vocabulary, by code point. */
export const TRADITIONAL = ${chunked(trad)};

/** The simplified character of each of TRADITIONAL, at the same place. */
export const SIMPLIFIED = ${chunked(simp)};

/** Words s2twp writes otherwise (資訊 for 信息): [that word in simplified characters, the vocabulary's word]. */
export const PHRASES: readonly (readonly [string, string])[] = [
${phrases}
];

/** The usual traditional forms of the vocabulary's most frequent characters, none of them ever simplified. */
export const MARKERS = ${chunked(data.markers)};
`;
}

/** The text of lib/detect/quick.words.ts, from the table lib/text/t2s.ts has now (load it after writing the table). */
export async function quickWordsFile(): Promise<string> {
  const { eitherScript } = await import('../../lib/text/t2s');
  const { BODY_PATTERN, LINK_PATTERN, NAV_PATTERN, OWN_PATTERN, TITLE_PATTERN } = await import('../../lib/detect/quickWords');
  const literal = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `// Generated by scripts/gen-t2s.ts from lib/detect/quickWords.ts and lib/text/t2s.data.ts: do not edit.

/** quickWords.ts's TITLE_PATTERN in either script. */
export const TITLE_EITHER = ${literal(eitherScript(TITLE_PATTERN))};

/** quickWords.ts's BODY_PATTERN in either script. */
export const BODY_EITHER = ${literal(eitherScript(BODY_PATTERN))};

/** quickWords.ts's OWN_PATTERN in either script. */
export const OWN_EITHER = ${literal(eitherScript(OWN_PATTERN))};

/** quickWords.ts's LINK_PATTERN in either script. */
export const LINK_EITHER = ${literal(eitherScript(LINK_PATTERN))};

/** quickWords.ts's NAV_PATTERN in either script. */
export const NAV_EITHER = ${literal(eitherScript(NAV_PATTERN))};
`;
}
