import { access, constants, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../lib/analyze';
import { toCsv } from '../lib/record/csv';
import type { ReportRecord } from '../lib/record/schema';
import { loadPage } from './load';

const USAGE = `用法 usage: nianbao check <file.html|dir>... [--format json|csv] [--out FILE]

Reads saved annual-report pages and prints one record per HTML file (a JSON array, or CSV of
the tables in long form). Directories are walked for .html/.htm files. When two years of the same
body are among the inputs, the cross-year checks run.
Exit status: 0 when it ran (whatever the findings), 2 on bad usage or an unreadable file.`;

class UsageError extends Error {}

interface Args {
  paths: string[];
  format: 'json' | 'csv';
  out?: string;
}

function parseArgs(argv: string[]): Args | 'help' {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return 'help';
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(`unknown command "${command}" (try: nianbao check <file.html|dir>...)`);
  const args: Args = { paths: [], format: 'json' };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const value = (name: string) => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const f = value('--format');
      if (f !== 'json' && f !== 'csv') throw new UsageError(`--format must be json or csv, not "${f}"`);
      args.format = f;
    } else if (a === '--out' || a.startsWith('--out=')) args.out = value('--out');
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError('no file or directory given');
  return args;
}

async function expand(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    throw new UsageError(
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`,
    );
  }
  if (!info.isDirectory()) {
    try {
      await access(path, constants.R_OK);
    } catch {
      throw new UsageError(`cannot read ${path}: ${REASONS.EACCES}`);
    }
    return [resolve(path)];
  }
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...(await expand(p)));
    else if (/\.html?$/i.test(e.name)) out.push(resolve(p));
  }
  return out;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  EIO: 'input/output error',
};

async function analyzeFile(file: string, capturedAt: string, previous?: ReportRecord): Promise<ReportRecord> {
  let page: Awaited<ReturnType<typeof loadPage>>;
  try {
    page = await loadPage(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot read ${file}: ${REASONS[code] ?? (e as Error).message}`);
  }
  const { dom, url } = page;
  try {
    const opts = { url, capturedAt, ...(previous ? { previous } : {}) };
    const record = analyze(dom.window.document, opts).record;
    if (record.report.isReport || record.report.isTemplate) return record;
    // A saved page whose report sits in a same-origin frame: the frame was saved as a local file.
    for (const frame of Array.from(dom.window.document.querySelectorAll('iframe[src], frame[src]'))) {
      const src = new URL(frame.getAttribute('src') ?? '', dom.window.location.href);
      if (src.protocol !== 'file:') continue;
      const inner = await loadPage(fileURLToPath(src)).catch(() => null);
      if (!inner) continue;
      try {
        const framed = analyze(inner.dom.window.document, opts).record;
        if (framed.report.isReport) return framed;
      } finally {
        inner.dom.window.close();
      }
    }
    return record;
  } finally {
    dom.window.close();
  }
}

const bodyKey = (r: ReportRecord) => (r.report.agency && r.report.year ? `${r.report.agency}|${r.report.year}` : null);

/** Run the command; returns the exit status. Never throws. */
export async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const files = (await Promise.all(args.paths.map(expand))).flat();
    const capturedAt = new Date().toISOString();
    const records: ReportRecord[] = [];
    for (const f of files) records.push(await analyzeFile(f, capturedAt));

    // Cross-year: when last year's report of the same body is among the inputs, check against it.
    const byBody = new Map(records.map((r) => [bodyKey(r), r]));
    for (let i = 0; i < records.length; i++) {
      const r = records[i] as ReportRecord;
      if (!r.report.isReport || !r.report.agency || !r.report.year) continue;
      const previous = byBody.get(`${r.report.agency}|${r.report.year - 1}`);
      if (previous) records[i] = await analyzeFile(files[i] as string, capturedAt, previous);
    }

    const text = args.format === 'csv' ? toCsv(records, { bom: args.out !== undefined }) : `${JSON.stringify(records, null, 2)}\n`;
    if (args.out) {
      try {
        await writeFile(args.out, text);
      } catch (e) {
        throw new UsageError(`cannot write ${args.out}: ${(e as Error).message}`);
      }
    } else process.stdout.write(text);
    return 0;
  } catch (e) {
    const msg = e instanceof UsageError ? e.message : `unexpected error: ${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(`nianbao: ${msg}\n`);
    return 2;
  }
}
