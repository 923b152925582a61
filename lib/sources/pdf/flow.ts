/**
 * A PDF's pages into the blocks of a document, in reading order: the title, paragraphs (lines
 * joined where the text wrapped, across pages too), and tables (joined where one continues on the
 * next page). Furniture — page numbers, running headers, 续表 — is left out.
 */

import { alignedRegions, alignedTable, continuesRegion, withoutRepeatedHeader } from './aligned';
import { joinTables, sameColumns } from './continued';
import { CONTINUED, furniture } from './furniture';
import { breakBetween, joinLines, type Line, splitWideSpaces, toLines } from './lines';
import type { PdfContent, PdfPage, TextRun } from './page';
import { frames, mergeRulings, ruledTable, splitFrame } from './ruled';
import type { PdfTable } from './table';

export type Block =
  | { kind: 'title' | 'p'; text: string; page: number }
  | { kind: 'table'; table: PdfTable }
  /** A page that is a picture (a scanned page among pages with text): its tables are images. */
  | { kind: 'image'; page: number };

type Item = { line: Line; page: number } | { table: PdfTable } | { region: Line[]; page: number };

/** A table told by alignment, in parts on consecutive pages, built once all its parts are known. */
type Pending = { kind: 'aligned'; parts: { page: number; lines: Line[] }[] };

/** The most common value of a list, rounded to `step`. */
function mode(values: number[], step: number): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) {
    const k = Math.round(v / step) * step;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: number | undefined;
  let n = 0;
  for (const [k, c] of counts) if (c > n || (c === n && best !== undefined && k < best)) [best, n] = [k, c];
  return best;
}

/** Where the body text stands: its usual size, left edge, right edge and line pitch. */
interface Measure {
  size: number;
  left: number;
  right: number;
  pitch: number;
}

function measure(lines: { line: Line; page: number }[], width: number): Measure {
  const size =
    mode(
      lines.flatMap(({ line }) => line.runs.flatMap((r) => new Array(Math.min(50, r.text.length)).fill(r.size))),
      0.5,
    ) ?? 12;
  const body = lines.filter(({ line }) => Math.abs(line.size - size) < size * 0.1);
  const left = Math.min(...body.map(({ line }) => line.x0));
  // The right margin: the furthest right several body lines reach (a line that overflows is not it).
  const rights = body.map(({ line }) => line.x1).sort((a, b) => b - a);
  const right = rights.find((r, i) => i + 1 < rights.length && r - (rights[i + 1] as number) <= size * 0.6) ?? rights[0] ?? width;
  const pitches: number[] = [];
  for (let i = 1; i < body.length; i++) {
    const a = body[i - 1] as { line: Line; page: number };
    const b = body[i] as { line: Line; page: number };
    if (a.page === b.page && a.line.y > b.line.y) pitches.push(a.line.y - b.line.y);
  }
  const pitch = Math.min(...pitches.filter((p) => p > size * 0.9), size * 3);
  return { size, left: Number.isFinite(left) ? left : 0, right, pitch: Number.isFinite(pitch) ? pitch : size * 1.5 };
}

const centred = (l: Line, m: Measure): boolean =>
  l.x0 > m.left + m.size * 1.5 && Math.abs((l.x0 + l.x1) / 2 - (m.left + m.right) / 2) <= m.size * 1.2;

/** Does `line` carry on the paragraph whose last line is `prev`? */
function continues(prev: { line: Line; page: number }, cur: { line: Line; page: number }, m: Measure): boolean {
  const a = prev.line;
  const b = cur.line;
  if (Math.abs(a.size - b.size) > Math.max(a.size, b.size) * 0.12) return false;
  if (prev.page === cur.page && a.y - b.y > Math.max(m.pitch, a.size * 1.2) * 1.35) return false;
  if (prev.page === cur.page && a.y <= b.y) return false;
  // A centred heading wrapped: a full line, or a centred one, then a centred line of the same size.
  if (centred(b, m) && (centred(a, m) || a.x1 - a.x0 >= m.right - m.left - a.size * 2)) return a.size > m.size * 1.1 || centred(a, m);
  if (b.x0 > m.left + b.size * 0.6) return false;
  return breakBetween(a, b, m.right - a.x1) !== 'forced';
}

/** Everything on each page: ruled tables first (their text taken), then tables told by alignment, then lines. */
function pageItems(content: PdfContent): { items: Item[][]; lines: { line: Line; page: number }[] } {
  const perPage: { page: (typeof content.pages)[number]; lines: Line[]; tables: PdfTable[] }[] = [];
  for (const raw of content.pages) {
    const page = { ...raw, runs: raw.runs.flatMap(splitWideSpaces) };
    const tables: PdfTable[] = [];
    const used = new Set<TextRun>();
    for (const frame of frames(mergeRulings(page.rulings)).flatMap(splitFrame)) {
      const t = ruledTable(frame, page.runs, page.page);
      if (!t) continue;
      tables.push(t.table);
      for (const r of t.used) used.add(r);
    }
    perPage.push({ page, lines: toLines(page.runs.filter((r) => !used.has(r))), tables });
  }
  const skip = furniture(perPage);
  const items: Item[][] = [];
  const all: { line: Line; page: number }[] = [];
  for (const { page, lines, tables } of perPage) {
    const text = lines.filter((l) => !skip.has(l) && !CONTINUED.test(l.text.replace(/\s+/g, '')));
    const regions = alignedRegions(text);
    const used = new Set(regions.flat());
    const rest = text.filter((l) => !used.has(l));
    const list: Item[] = [...tables.map((table) => ({ table })), ...regions.map((region) => ({ region, page: page.page }))];
    for (const line of rest) {
      list.push({ line, page: page.page });
      all.push({ line, page: page.page });
    }
    const top = (i: Item) =>
      'table' in i ? i.table.top : 'region' in i ? (i.region[0] as Line).y + (i.region[0] as Line).size : i.line.y + i.line.size * 0.8;
    list.sort((a, b) => top(b) - top(a));
    items.push(list);
  }
  return { items, lines: all };
}

/** A page with no text, half of it or more covered by images: a scanned page. */
function pictured(page: PdfPage): boolean {
  return page.runs.length === 0 && page.images.reduce((a, b) => a + b.w * b.h, 0) >= page.width * page.height * 0.5;
}

/** The blocks of a PDF, in reading order. */
export function pdfBlocks(content: PdfContent): Block[] {
  const { items, lines } = pageItems(content);
  const width = content.pages[0]?.width ?? 595;
  const m = measure(lines, width);
  const blocks: (Block | Pending)[] = [];
  let para: { line: Line; page: number }[] = [];
  const flush = () => {
    if (para.length === 0) return;
    blocks.push({
      kind: 'p',
      text: joinLines(
        para.map((p) => p.line),
        (l) => m.right - l.x1,
      ),
      page: para[0]?.page ?? 1,
    });
    para = [];
  };
  items.forEach((list, pageIndex) => {
    const page = content.pages[pageIndex];
    if (page && list.length === 0 && pictured(page)) {
      flush();
      blocks.push({ kind: 'image', page: page.page });
    }
    list.forEach((item, i) => {
      if ('region' in item) {
        flush();
        const last = blocks[blocks.length - 1];
        const parts = last?.kind === 'aligned' ? last.parts : null;
        const prev = parts?.[parts.length - 1];
        if (i === 0 && parts && prev && prev.page === item.page - 1 && continuesRegion(prev.lines, item.region))
          parts.push({ page: item.page, lines: withoutRepeatedHeader((parts[0] as { lines: Line[] }).lines, item.region) });
        else blocks.push({ kind: 'aligned', parts: [{ page: item.page, lines: item.region }] });
        return;
      }
      if ('table' in item) {
        flush();
        const last = blocks[blocks.length - 1];
        // The first thing on a page, continuing the table that ended the page before.
        if (
          i === 0 &&
          pageIndex > 0 &&
          last?.kind === 'table' &&
          last.table.lastPage === item.table.page - 1 &&
          sameColumns(last.table, item.table)
        )
          last.table = joinTables(last.table, item.table);
        else blocks.push({ kind: 'table', table: item.table });
        return;
      }
      const prev = para[para.length - 1];
      if (prev && !continues(prev, item, m)) flush();
      para.push(item);
    });
  });
  flush();
  const built: Block[] = [];
  for (const b of blocks) {
    if (b.kind !== 'aligned') built.push(b);
    else {
      const table = alignedTable(b.parts);
      // Not a table after all: its lines are paragraphs.
      if (table) built.push({ kind: 'table', table });
      else for (const part of b.parts) for (const l of part.lines) built.push({ kind: 'p', text: l.text, page: part.page });
    }
  }
  return titled(built, items, m);
}

/** The title: the first paragraph, when it is set larger than the body text. */
function titled(blocks: Block[], items: Item[][], m: Measure): Block[] {
  const first = blocks.findIndex((b) => b.kind !== 'table');
  const firstBlock = blocks[first];
  if (firstBlock && firstBlock.kind === 'p') {
    const line = items.flat().find((i) => 'line' in i) as { line: Line } | undefined;
    if (line && line.line.size > m.size * 1.15) blocks[first] = { ...firstBlock, kind: 'title' };
  }
  return blocks;
}
