/**
 * Text runs into lines, and lines into text: where a space or a line break stood, told from the
 * gaps between runs and from how much room a wrapped line had left (a browser or Word wraps a line
 * only when the next word does not fit).
 */
import type { TextRun } from './page';

/** A line of text: runs on one baseline, left to right. */
export interface Line {
  runs: TextRun[];
  x0: number;
  x1: number;
  /** Baseline. */
  y: number;
  size: number;
  text: string;
}

const WS = /\s/;

/** Runs drawn twice at the same place (fake bold) count once. */
function dedupe(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const r of runs) {
    if (out.some((o) => o.text === r.text && Math.abs(o.x - r.x) < 1 && Math.abs(o.y - r.y) < 1)) continue;
    out.push(r);
  }
  return out;
}

const WIDE = /^[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]$/u;

/** Roughly how wide a character is, in ems: CJK one em; brackets a third; other Latin script half. */
function ems(ch: string): number {
  if (WIDE.test(ch)) return 1;
  if ('()[]{}.,:;\'"|!'.includes(ch)) return 0.33;
  return 0.55;
}

/**
 * pdf.js joins text drawn apart into one run when the gap is no wider than a space or two (two
 * header cells side by side: 「信息内容 本年处理决定数量」). The width a run's characters leave
 * over tells how wide its spaces are (CJK characters are each one em; others are guessed, so a run
 * mostly of them is left alone); spaces of half an em or more are gaps between cells, and the run
 * is split there.
 */
export function splitWideSpaces(run: TextRun): TextRun[] {
  if (!run.text.includes(' ')) return [run];
  const chars = [...run.text];
  const spaces = chars.filter((c) => c === ' ').length;
  const others = chars.filter((c) => c !== ' ');
  if (others.filter((c) => !WIDE.test(c)).length > others.length / 3) return [run];
  const width = (s: string) => [...s].reduce((w, c) => w + ems(c) * run.size, 0);
  const gap = (run.w - width(others.join(''))) / spaces;
  if (gap < 0.45 * run.size) return [run];
  const out: TextRun[] = [];
  let x = run.x;
  for (const piece of run.text.split(' ')) {
    if (piece) out.push({ ...run, text: piece, x, w: width(piece) });
    x += width(piece) + gap;
  }
  return out;
}

/** The text of runs on one line: a gap wider than a fifth of the font size is a space. */
export function runText(runs: TextRun[]): string {
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  for (const r of runs) {
    const gap = r.x - end;
    if (text && gap > 0.2 * r.size && !WS.test(text[text.length - 1] as string) && !WS.test(r.text[0] as string)) text += ' ';
    text += r.text;
    end = Math.max(end, r.x + r.w);
  }
  return text.replace(/\s+/g, ' ').trim();
}

export function makeLine(runs: TextRun[]): Line {
  const sorted = [...runs].sort((a, b) => a.x - b.x);
  const first = sorted[0] as TextRun;
  let x1 = first.x + first.w;
  let size = 0;
  let weight = 0;
  for (const r of sorted) {
    x1 = Math.max(x1, r.x + r.w);
    size += r.size * r.text.length;
    weight += r.text.length;
  }
  // The baseline of the line's main text: its largest run.
  const main = sorted.reduce((a, b) => (b.size * b.text.length > a.size * a.text.length ? b : a));
  return { runs: sorted, x0: first.x, x1, y: main.y, size: size / weight, text: runText(sorted) };
}

/** Group runs into lines (same baseline within a third of the font size), top to bottom. */
export function toLines(runs: TextRun[]): Line[] {
  const sorted = dedupe(runs).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextRun[][] = [];
  let cur: TextRun[] = [];
  let y = Number.NaN;
  for (const r of sorted) {
    if (cur.length && Math.abs(r.y - y) <= 0.35 * Math.max(r.size, (cur[0] as TextRun).size)) {
      cur.push(r);
      continue;
    }
    if (cur.length) groups.push(cur);
    cur = [r];
    y = r.y;
  }
  if (cur.length) groups.push(cur);
  return groups.map(makeLine);
}

const CLOSING = '，。、；：？！,.;:?!”’）》」』】〕〉)]}…%';
const OPENING = '“‘（《「『【〔〈([{';
const WORD = /[A-Za-z0-9]/;

/** The width a run gives each of its characters (exact for CJK text, near enough for the rest). */
function charWidths(line: Line): { ch: string; w: number }[] {
  const out: { ch: string; w: number }[] = [];
  for (const r of line.runs) {
    const chars = [...r.text];
    for (const ch of chars) out.push({ ch, w: r.w / chars.length });
  }
  return out;
}

/**
 * The width of what a line starts with that could not have been split from it: a Latin word or
 * number, or one character with the punctuation that may not be parted from it (kinsoku).
 */
export function leadWidth(line: Line): number {
  const chars = charWidths(line);
  let i = 0;
  let w = 0;
  while (i < chars.length && OPENING.includes((chars[i] as { ch: string }).ch)) w += (chars[i++] as { w: number }).w;
  if (i < chars.length && WORD.test((chars[i] as { ch: string }).ch)) {
    while (i < chars.length && /[A-Za-z0-9.,:%/+\-_]/.test((chars[i] as { ch: string }).ch)) w += (chars[i++] as { w: number }).w;
  } else if (i < chars.length) w += (chars[i++] as { w: number }).w;
  while (i < chars.length && CLOSING.includes((chars[i] as { ch: string }).ch)) w += (chars[i++] as { w: number }).w;
  return w;
}

/** How the break between two lines came about. */
export type Break = 'forced' | 'space' | 'wrap';

/**
 * Why `next` starts a new line after `prev`, given the room `prev` had to its right: when the
 * start of `next` (and a space) would have fitted, the line was broken on purpose; when it would
 * have fitted only without the space, the line was wrapped at a space.
 */
export function breakBetween(prev: Line, next: Line, room: number): Break {
  const lead = leadWidth(next);
  const size = Math.max(prev.size, next.size);
  if (room >= lead + 0.35 * size) return 'forced';
  if (room >= lead + 0.05 * size) return 'space';
  return 'wrap';
}

/** Join two wrapped pieces of text: a space only between two words of Latin script or digits, or where one was. */
export function joinWrapped(a: string, b: string, brk: Break): string {
  if (!a) return b;
  if (!b) return a;
  if (brk !== 'wrap') return `${a} ${b}`;
  return WORD.test(a[a.length - 1] as string) && WORD.test(b[0] as string) ? `${a} ${b}` : a + b;
}

/**
 * The text of lines one under the other (a paragraph, a cell's lines), given the room each line
 * had to its right: a space where a word ended a wrapped line or where the break was on purpose.
 */
export function joinLines(lines: Line[], room: (line: Line) => number): string {
  let text = '';
  lines.forEach((l, i) => {
    const prev = lines[i - 1];
    text = prev ? joinWrapped(text, l.text, breakBetween(prev, l, room(prev))) : l.text;
  });
  return text;
}
