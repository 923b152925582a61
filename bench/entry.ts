/**
 * What the bench injects into a page (bundled by esbuild into an IIFE, global `NianbaoBench`): the
 * engine, and the floor it is measured against.
 */
import { analyzeSteps } from '../lib/analyze';
import { inSlices, SLICE_MS } from '../lib/steps';
import { toSimplified } from '../lib/text/t2s';
import { yieldToPage } from '../utils/pause';

export { analyze, analyzeSteps } from '../lib/analyze';
export { buildGrid } from '../lib/grid/grid';

/**
 * The floor: the least any reader of these tables must do, a walk of every table's rows and cells that
 * reads each cell's text once. Indexed loops, the fastest form, so the ratio is not flattered.
 */
export function floor(doc: Document): number {
  let chars = 0;
  const tables = doc.getElementsByTagName('table');
  for (let t = 0; t < tables.length; t++) {
    const rows = (tables[t] as HTMLTableElement).rows;
    for (let r = 0; r < rows.length; r++) {
      const cells = (rows[r] as HTMLTableRowElement).cells;
      for (let c = 0; c < cells.length; c++) chars += (cells[c] as HTMLTableCellElement).textContent?.length ?? 0;
    }
  }
  return chars;
}

/** How many cells the floor reads (to report time per cell). */
export function countCells(doc: Document): number {
  let n = 0;
  const tables = doc.getElementsByTagName('table');
  for (let t = 0; t < tables.length; t++) {
    const rows = (tables[t] as HTMLTableElement).rows;
    for (let r = 0; r < rows.length; r++) n += (rows[r] as HTMLTableRowElement).cells.length;
  }
  return n;
}

/**
 * A second, wider floor: the tables' walk plus one read of every text node on the page. The engine
 * must also read the report's prose (sections, title, narrative), so this is the least a whole-page
 * reader does; the ratio to it says how much the engine spends beyond reading.
 */
export function pageFloor(doc: Document): number {
  let chars = floor(doc);
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += (n as Text).data.length;
  return chars;
}

/**
 * A third floor: the page floor plus what any reader that matches words in the page's own text must
 * do to every text node once, whatever else it does: NFKC (full-width digits and brackets) and the
 * test for traditional characters (t2s), with the engine's own regular expression. On a small report
 * the text is most of the cost, and this says how much of it is unavoidable.
 */
export function textFloor(doc: Document): number {
  let chars = floor(doc);
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += toSimplified((n as Text).data.normalize('NFKC')).length;
  return chars;
}

/** The reader's way (entrypoints/reader.content/detect.ts): in slices of its budget, with its pause. */
export async function analyzeInSlices(doc: Document): Promise<{ busy: number; longest: number; slices: number }> {
  const r = await inSlices(analyzeSteps(doc), { budgetMs: SLICE_MS, now: () => performance.now(), pause: yieldToPage });
  return { busy: r.busyMs, longest: r.longestMs, slices: r.slices };
}
