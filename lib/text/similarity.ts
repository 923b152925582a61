/**
 * How much of one text repeats another, once the template's own wording, numbers and years are taken
 * out: the share of this year's characters covered by a run of K characters that last year's text also
 * has, and those runs as passages of this year's text.
 */
import { toSimplified } from './t2s';

/**
 * Characters per shingle: with the template's wording taken out, runs of 8 keep the sections of four
 * different bodies' reports apart (under 5 % each pair) while a copy with its years and figures
 * changed still reads 100 % (`npx tsx scripts/similarity-report.ts` measures both).
 */
export const K = 8;

/** The text reduced to what is compared: letters only, each with where it stood in the text. */
export interface Prepared {
  source: string;
  /** The letters kept, simplified, without numbers, years and the template's wording. */
  chars: string;
  /** `pos[i]`: index in `source` of `chars[i]`. */
  pos: number[];
  /** 1 where `source` holds a number taken out (a passage that starts or ends next to one takes it in). */
  numbers: Uint8Array;
}

/**
 * Wording of the national format and its notice, and the slogans every report repeats: two bodies
 * sharing these are not copying each other. Written as the text shows them; they are prepared the same
 * way as the text (so numbers and punctuation in them do not matter).
 */
const TEMPLATE = [
  '中华人民共和国政府信息公开条例',
  '以下简称条例',
  '中华人民共和国政府信息公开工作年度报告格式',
  '政府信息公开工作年度报告格式',
  '国办公开办函',
  '编制本报告',
  '本报告所列数据的统计期限为',
  '本报告中所列数据统计期限为',
  '本报告所列数据统计期限为',
  '2023年1月1日至12月31日',
  '2023年1月1日至2023年12月31日',
  '政府信息公开工作年度报告',
  '总体情况',
  '主动公开情况',
  '依申请公开情况',
  '政府信息管理情况',
  '政府信息公开平台建设情况',
  '平台建设情况',
  '监督保障情况',
  '主动公开政府信息情况',
  '收到和处理政府信息公开申请情况',
  '政府信息公开行政复议行政诉讼情况',
  '存在的主要问题及改进情况',
  '存在的主要问题',
  '改进情况',
  '改进措施',
  '其他需要报告的事项',
  '政府信息公开信息处理费管理办法',
  '政府信息公开信息处理费',
  '信息处理费',
  '以公开为常态不公开为例外',
  '公开为常态不公开为例外',
  '习近平新时代中国特色社会主义思想',
  '政府信息公开',
];

const LETTER = /[\u3400-\u4dbf\u4e00-\u9fffA-Za-z]/;
/** Years with their 年, numbers written in figures, Chinese numbers before a unit or a date word, and list numbering (一是, （二）, 三、). */
const NUMBERS =
  /[0-9０-９]{4}\s*年(?!度)|[〇零○一二三四五六七八九]{4}年(?!度)|[0-9０-９]+(?:[.,，．][0-9０-９]+)*|[〇零○一二三四五六七八九十百千万两]+(?=[年月日件条个次项篇期场名人家份余多是批宗起类户届])|(?<=[(（])[一二三四五六七八九十]+(?=[)）])|[一二三四五六七八九十]+(?=[、.．])/g;

function letters(source: string): { chars: string; pos: number[]; numbers: Uint8Array } {
  const dropped = new Uint8Array(source.length);
  for (const m of source.matchAll(NUMBERS)) dropped.fill(1, m.index, m.index + m[0].length);
  let chars = '';
  const pos: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (dropped[i]) continue;
    const c = source[i] as string;
    // NFKC turns full-width letters and compatibility ideographs into the ordinary ones.
    const n = c.charCodeAt(0) < 0x80 ? c : c.normalize('NFKC');
    for (const ch of n) {
      if (!LETTER.test(ch)) continue;
      chars += ch.toLowerCase();
      pos.push(i);
    }
  }
  return { chars: toSimplified(chars), pos, numbers: dropped };
}

/** The template phrases as they read once prepared, longest first (a longer phrase is cut out whole). */
const PHRASES = [...new Set(TEMPLATE.map((t) => letters(t).chars))].sort((a, b) => b.length - a.length);

/**
 * The text as compared. Template phrases are cut out and the letters on either side close up, as the
 * numbers do: a sentence repeated with its figures changed still reads as one run. `template` is the
 * phrases cut out (none, to measure what cutting them out is worth).
 */
export function prepare(source: string, template: readonly string[] = PHRASES): Prepared {
  const all = letters(source);
  const cut = new Uint8Array(all.chars.length);
  for (const p of template) {
    for (let i = all.chars.indexOf(p); i >= 0; i = all.chars.indexOf(p, i + p.length)) {
      if (!cut.subarray(i, i + p.length).includes(1)) cut.fill(1, i, i + p.length);
    }
  }
  let chars = '';
  const pos: number[] = [];
  for (let i = 0; i < all.chars.length; i++) {
    if (cut[i]) continue;
    chars += all.chars[i];
    pos.push(all.pos[i] as number);
  }
  return { source, chars, pos, numbers: all.numbers };
}

function shingles(p: Prepared, k: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + k <= p.chars.length; i++) out.add(p.chars.slice(i, i + k));
  return out;
}

export interface Comparison {
  /** Letters compared in this year's text (after the template, numbers and years are out). */
  length: number;
  /** Share of them that repeat last year's text, 0–1. */
  share: number;
  /** The texts are the same apart from numbers, years and the template's wording. */
  same: boolean;
  /** This year's repeated passages, as written, one per line of the text at most. */
  passages: string[];
}

/** How much of `now` repeats `before`. */
export function compare(now: Prepared, before: Prepared, k = K): Comparison {
  const seen = shingles(before, k);
  const covered = new Uint8Array(now.chars.length);
  for (let i = 0; i + k <= now.chars.length; i++) {
    if (seen.has(now.chars.slice(i, i + k))) covered.fill(1, i, i + k);
  }
  const repeated = covered.reduce((a, c) => a + c, 0);
  return {
    length: now.chars.length,
    share: now.chars.length ? repeated / now.chars.length : 0,
    same: now.chars.length > 0 && now.chars === before.chars,
    passages: passages(now, covered),
  };
}

/** Runs of repeated letters as the text writes them (numbers and punctuation inside kept), cut at line ends. */
function passages(p: Prepared, covered: Uint8Array): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < covered.length) {
    if (!covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < covered.length && covered[j + 1]) j++;
    let start = p.pos[i] as number;
    let end = (p.pos[j] as number) + 1;
    // A number just before the passage (「2023年」, 「一是」, 「（五）」 with its brackets) is taken in.
    if (/[)）]/.test(p.source[start - 1] ?? '') && p.numbers[start - 2]) start--;
    while (start > 0 && p.numbers[start - 1]) start--;
    if (start < (p.pos[i] as number) && /[(（]/.test(p.source[start - 1] ?? '')) start--;
    while (end < p.source.length && p.numbers[end]) end++;
    const text = p.source.slice(start, end);
    for (const piece of text.split('\n')) {
      const t = piece.trim().replace(/[，。；、,;:：]+$/, '');
      if (t.length >= 4) out.push(t);
    }
    i = j + 1;
  }
  return out;
}
