/** The text of each of the six sections: the lines between its heading and the next heading, tables left out. */
import { type Line, lineNorm } from './lines';

/** A line of a section, as written and normalised (`norm`). */
export interface TextLine {
  text: string;
  norm: string;
}

/** Lines past the last heading that still belong to section 六; more are the portal's, not the report's. */
const LAST_SECTION_LINES = 60;

/**
 * Section number → its lines. `sections[].line` indexes `lines`; only lines inside `body` (the
 * article) count, so the portal's footer never joins section 六.
 */
export function sectionLines(
  lines: Line[],
  sections: { index: number; line: number }[],
  body: Element,
): Partial<Record<number, TextLine[]>> {
  const out: Partial<Record<number, TextLine[]>> = {};
  const starts = sections.map((s) => s.line).sort((a, b) => a - b);
  for (const s of sections) {
    const next = starts.find((l) => l > s.line);
    const end = next ?? Math.min(lines.length, s.line + 1 + LAST_SECTION_LINES);
    out[s.index] = lines
      .slice(s.line + 1, end)
      .filter((l) => body.contains(l.el))
      .map((l) => ({ text: l.text, norm: lineNorm(l) }));
  }
  return out;
}

/**
 * The sections whose text the record keeps, for next year's report to be compared with (text.similarity,
 * content.problems): 一, 五 and 六 are prose; 二–四 are the tables and a sentence or two about them.
 */
export const KEPT_SECTIONS: readonly number[] = [1, 5, 6];

/** A section's text as the record keeps it: its lines as written, one per line. */
export function keptText(texts: Partial<Record<number, TextLine[]>>, index: number): { text?: string } {
  const lines = KEPT_SECTIONS.includes(index) ? texts[index] : undefined;
  return lines?.length ? { text: lines.map((l) => l.text).join('\n') } : {};
}

/** A sub-heading inside a section (（一）存在的主要问题, 二、改进措施, (一)政府信息处理费收取情况): the template's words. */
const SUBHEADING = /^(?:\(?[一二三四五六七八九十\d]+[)、.]?)[^是]{0,18}[。:]?$/;

/** The lines of a section that say something: not empty, not its sub-headings (`norm` form tested). */
export function bodyLines(lines: readonly TextLine[]): TextLine[] {
  return lines.filter((l) => l.norm !== '' && !SUBHEADING.test(l.norm));
}

const ENDS_RAW = /(?<=[。；;！!？?])/;
const ENDS_NORM = /(?<=[。;!?])/;

/**
 * The lines cut into sentences, each as written and normalised. `norm` keeps a sentence's closing
 * punctuation (NFKC only makes it half-width), so both cut into the same pieces; a line where they do
 * not stays whole.
 */
export function sentencesOf(lines: readonly TextLine[]): TextLine[] {
  return lines.flatMap((l) => {
    const raw = l.text.split(ENDS_RAW);
    const norms = l.norm.split(ENDS_NORM);
    if (raw.length !== norms.length) return [l];
    return raw.map((text, i) => ({ text: text.trim(), norm: norms[i] as string })).filter((s) => s.norm !== '');
  });
}
