/**
 * Reading exported files too large for one string (a 5,000-record export is ~500 MB; V8 holds a
 * string of ~512 MB at most): a JSON array read element by element as it streams from disk, and a
 * CSV's lines counted. Also the memory a browser uses, sampled while something runs.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';

const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]
const BRACE_OPEN = 0x7b;
const BRACE_CLOSE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Parse a file that holds one JSON array, handing each element (parsed with JSON.parse) to `each`.
 * Throws where the file is not a JSON array: text outside it, a missing comma, an element that does
 * not parse, or an array left open. Resolves with the number of elements.
 */
export async function eachJsonElement(path: string, each: (value: unknown, index: number) => void): Promise<number> {
  let state: 'before' | 'between' | 'after' = 'before';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: Buffer[] = [];
  let start = -1;
  let count = 0;
  let needComma = false;
  const finish = (chunk: Buffer, end: number) => {
    parts.push(chunk.subarray(start, end));
    each(JSON.parse(Buffer.concat(parts).toString('utf8')), count++);
    parts = [];
    start = -1;
    needComma = true;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
    if (start >= 0) start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (depth > 0) {
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
        } else if (b === QUOTE) inString = true;
        else if (b === BRACE_OPEN || b === OPEN) depth++;
        else if (b === BRACE_CLOSE || b === CLOSE) {
          depth--;
          if (depth === 0) finish(chunk, i + 1);
        }
        continue;
      }
      if (isSpace(b)) continue;
      if (state === 'before') {
        if (b !== OPEN) throw new Error(`not a JSON array: starts with ${String.fromCharCode(b)}`);
        state = 'between';
      } else if (state === 'between') {
        if (b === CLOSE) state = 'after';
        else if (b === COMMA && needComma) needComma = false;
        else if (b === BRACE_OPEN && !needComma) {
          depth = 1;
          start = i;
        } else throw new Error(`not a JSON array of objects at element ${count}: ${String.fromCharCode(b)}`);
      } else throw new Error('text after the array');
    }
    if (start >= 0) parts.push(chunk.subarray(start));
  }
  if (state !== 'after' || depth !== 0) throw new Error('the array is not closed');
  return count;
}

/** The lines of a text file (CRLF or LF), each handed to `each` (without its line break), streamed. */
export async function eachLine(path: string, each: (line: string, index: number) => void): Promise<number> {
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 4 << 20 }) as AsyncIterable<string>) {
    const text = rest + chunk;
    const lines = text.split(/\r?\n/);
    rest = lines.pop() ?? '';
    for (const l of lines) each(l, n++);
  }
  if (rest) each(rest, n++);
  return n;
}

/** The resident memory (MB) of a browser launched on `profile` and every process under it. */
export function browserRssMb(profile: string): number {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8', maxBuffer: 16 << 20 });
  const procs = out
    .trim()
    .split('\n')
    .map((l) => {
      const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(l);
      return m ? { pid: Number(m[1]), ppid: Number(m[2]), rss: Number(m[3]), args: m[4] as string } : null;
    })
    .filter((p) => p !== null);
  const roots = new Set(procs.filter((p) => p.args.includes(profile) && !p.args.includes('--type=')).map((p) => p.pid));
  const all = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs)
      if (all.has(p.ppid) && !all.has(p.pid)) {
        all.add(p.pid);
        grew = true;
      }
  }
  return Math.round(procs.filter((p) => all.has(p.pid)).reduce((n, p) => n + p.rss, 0) / 1024);
}

/** Sample `read` every `ms` until the returned stop is called; stop resolves with the largest sample. */
export function samplePeak(read: () => Promise<number> | number, ms = 250): () => Promise<number> {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        peak = Math.max(peak, await read());
      } catch {
        // a sample lost while the page is busy: the next one counts
      }
      await new Promise((r) => setTimeout(r, ms));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return peak;
  };
}
