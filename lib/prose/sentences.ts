/** The narrative's sentences that could state a figure the rules compare, from the page's lines. */
import type { Steps } from '../steps';
import { norm } from '../text/normalize';
import { CHINESE_NUMERAL_CHARS } from '../text/numerals';
import { type Line, lineNorm } from './lines';

/** A sentence of the report's own text, as written, with the normalised form used for matching. */
export interface Sentence {
  text: string;
  norm: string;
  /** The sentence or its paragraph names the report year or the whole year (全年, 本年度, 累计…). */
  scoped: boolean;
}

/** Words that make a sentence speak of the whole year (with the report year itself). */
const SCOPE = /全年|本年|今年|年内|年度|累计|共计|合计|总计|共/;
/** A line that could state a figure the narrative rules compare (on its norm: either script, any width). */
const FIGURE_WORDS = /申请|公开|复议|诉讼|办结|答复|结转|处理|提供|维持|顺延/;

/** A figure in digits, or in Chinese numerals before a unit of count (一千二百三十四件, 两千件). */
const A_FIGURE = new RegExp(`\\d|[${CHINESE_NUMERAL_CHARS}](?:件|宗|起|个|份|项)`);

/** Lines looked at per step. */
const LINES_PER_STEP = 24;

/** The narrative's sentences that could state a figure, each with whether it speaks of the whole year. */
export function* toSentences(lines: Line[], year: number | undefined): Steps<Sentence[]> {
  const out: Sentence[] = [];
  const yearMark = year ? `${year}年` : null;
  for (const [i, line] of lines.entries()) {
    if (i % LINES_PER_STEP === LINES_PER_STEP - 1) yield;
    // A line's norm is made once per reading (the sections and the period read it first).
    if (!FIGURE_WORDS.test(lineNorm(line))) continue;
    const pieces = line.text.split(/(?<=[。！？!?])/);
    const norms = pieces.length === 1 ? [lineNorm(line)] : pieces.map(norm);
    // The line speaks of the whole year if one of its sentences does: the words never hold the
    // punctuation a sentence ends with, and the sentences' norms joined are the line's.
    const lineScoped = norms.some((n) => SCOPE.test(n) || (yearMark !== null && n.includes(yearMark)));
    pieces.forEach((text, k) => {
      const n = norms[k] as string;
      if (!A_FIGURE.test(n) && !/未|没有|无|均/.test(n)) return;
      out.push({ text: text.trim(), norm: n, scoped: lineScoped });
    });
  }
  return out;
}
