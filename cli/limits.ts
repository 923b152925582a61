/**
 * The largest page the command reads, and what a page costs in memory: a page beyond the limits is
 * refused before jsdom parses it (its record says why, with its size), so the command's memory is
 * bounded by the largest page it accepts, and the worker pool is sized by that cost.
 *
 * The seed reports are 14–140 KB with 440–1,900 elements, nesting 10–14 deep (the Word-saved ones
 * deepest). The limits are fifty times that and more.
 */
import { PageProblem } from './problem';
import type { Shape } from './shape';

/** Bytes of a file; beyond it the file is not even read. */
export const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/** Bytes of a PDF or Word file: they carry fonts and pictures (a scanned report runs to tens of megabytes). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Elements of a page (jsdom takes ~3.6 KB each: 100,000 are ~360 MB). */
export const MAX_ELEMENTS = 100_000;
/** Nesting depth of its elements (jsdom's time grows with elements × depth; it overflows the stack near 3,000). */
export const MAX_DEPTH = 512;

/** Measured on generated report pages with large tables: RSS per element, and the densest markup (bytes per element). */
const KB_PER_ELEMENT = 3.6;
const BYTES_PER_ELEMENT = 24;
/** A worker thread with the engine and jsdom loaded, reading ordinary pages (~100 MB idle). */
const WORKER_BASE_MB = 200;

const n = (x: number) => x.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function checkBytes(size: number, max = MAX_PAGE_BYTES): void {
  const what = max === MAX_PAGE_BYTES ? '页面' : '文件';
  if (size > max)
    throw new PageProblem(
      'source.size:bytes',
      `文件有 ${mb(size)}（${n(size)} 字节），超过上限 ${mb(max)}，没有读取：年度报告${what}远小于此。`,
      {
        actual: size,
        expected: max,
      },
    );
}

/** `shape` as counted by `markupShape` with the limits as its bounds: past one, it stopped counting. */
export function checkShape(shape: Shape, size: number): void {
  if (shape.elements > MAX_ELEMENTS)
    throw new PageProblem(
      'source.size:elements',
      `页面（${mb(size)}）有超过 ${n(MAX_ELEMENTS)} 个元素（上限），没有读取：年度报告页面的元素远少于此。`,
      { expected: MAX_ELEMENTS },
    );
  if (shape.depth > MAX_DEPTH)
    throw new PageProblem(
      'source.nesting:depth',
      `页面（${mb(size)}）的元素嵌套超过 ${n(MAX_DEPTH)} 层（上限），没有读取：年度报告页面的嵌套远浅于此。`,
      { expected: MAX_DEPTH },
    );
}

/** The bounds to give `markupShape`. */
export const SHAPE_LIMITS: Shape = { elements: MAX_ELEMENTS, depth: MAX_DEPTH };

/** What one thread reading pages of at most `bytes` needs, in MB (at most the cost of the largest page accepted). */
export function workerMemoryMb(bytes: number): number {
  const elements = Math.min(bytes / BYTES_PER_ELEMENT, MAX_ELEMENTS);
  return Math.ceil(WORKER_BASE_MB + (elements * KB_PER_ELEMENT) / 1024);
}

/**
 * A worker's heap cap: a safety net far above the largest accepted page's cost (552 MB), so only a
 * page that misbehaves reaches it, and costs its own record rather than the batch. Not lower: V8
 * grows a heap capped under 2 GB more cautiously (on a 60-page batch, a 1,104 MB cap took 14 % more
 * CPU for 100 MB less peak RSS). NIANBAO_WORKER_HEAP_MB sets another.
 */
export const WORKER_HEAP_MB = Number(process.env.NIANBAO_WORKER_HEAP_MB) || Math.max(2048, 2 * workerMemoryMb(MAX_PAGE_BYTES));
