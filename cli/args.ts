/** The command's arguments, and what is bad usage (exit 2). */
import { availableParallelism } from 'node:os';

/** A problem with what the user asked for (a bad option, no input, a path that does not exist): exit 2. */
export class UsageError extends Error {}

export const USAGE = `用法 usage: nianbao check [options] [--] <file.html|file.pdf|file.docx|dir>...
            nianbao check [options] <http(s)://address>...
            nianbao crawl [options] <listing address>

check reads saved annual-report pages and attachments (PDF, Word .docx), or fetches them from their
address, and prints one record per file or address (a JSON array, or CSV of the tables in long
form). Directories are walked for .html/.htm, .pdf and .docx files (.doc, .wps and .ofd get a record
saying how to read them). When two years of the same body are among the inputs, the cross-year
checks run.

crawl reads a portal's listing of annual reports (its 政府信息公开年报 column) and the listing's
later pages (下一页, index_1.html, ?page=2, the createPageHTML pager), fetches every report it links,
and prints one record per report link, in listing order. A report page whose body is only its
attachment gets the attachment's record.

  --format json|csv   what to print (default json)
  --out FILE          write to FILE instead of standard output (checked before any page is read)
  --jobs N            check: at most N worker threads for files (default: one per core, fewer when
                      memory is short; --jobs 1 runs in one thread)
  --                  check: the arguments after it are paths, even when they start with -

Fetching (check <address>, crawl) is polite: one request at a time, never two at once; Retry-After
and 429/503 answers slow it down; a challenge page, a captcha or refusals stop it for that site.
  --delay SECONDS     between the end of one request and the start of the next (default 2)
  --timeout SECONDS   for one answer, body included (default 30)
  --no-cache          fetch everything again, neither reading nor writing the cache of answers
                      ($XDG_CACHE_HOME/nianbao, else ~/.cache/nianbao; a listing page is reused for a day,
                      reports and attachments for good)
  --year Y            crawl: only the reports of year Y
  --max N             crawl: at most N reports

A file or address that cannot be read or fetched, or is beyond any report's size, gets a record
with one na finding saying why (source.read, source.fetch …); the batch goes on. Progress goes to
stderr when it is a terminal. Exit status: 0 when it ran (whatever the findings), 2 on bad usage (an
unknown option, no input, a named path that does not exist, --out that cannot be written), 1 on a
failure of the machine (a full $TMPDIR), 130/143 when interrupted (SIGINT/SIGTERM).`;

export interface FetchArgs {
  /** ms between requests. */
  delayMs: number;
  /** ms for one answer. */
  timeoutMs: number;
  /** Read and write the cache of answers. */
  cache: boolean;
}

export interface CheckArgs extends FetchArgs {
  command: 'check';
  /** Paths and http(s) addresses, in the order given. */
  paths: string[];
  format: 'json' | 'csv';
  out?: string;
  jobs: number;
}

export interface CrawlArgs extends FetchArgs {
  command: 'crawl';
  url: string;
  year?: number;
  max?: number;
  format: 'json' | 'csv';
  out?: string;
}

export type Args = CheckArgs | CrawlArgs;

/** An http(s) address named on the command line (anything else is a path). */
export const isAddress = (s: string): boolean => /^https?:\/\//i.test(s);

const number = (name: string, v: string, ok: (n: number) => boolean, what: string): number => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new UsageError(`${name} must be ${what}, not "${v}"`);
  return n;
};
const whole = (name: string, v: string) => number(name, v, (n) => Number.isInteger(n) && n >= 1, 'a whole number ≥ 1');

export function parseArgs(argv: string[]): Args | 'help' {
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) return 'help';
  if (argv.length === 0) throw new UsageError(`no command given\n${USAGE}`);
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'crawl')
    throw new UsageError(
      `unknown command "${command}" (try: nianbao check <file.html|file.pdf|dir|address>... or nianbao crawl <listing address>)`,
    );
  const crawl = command === 'crawl';
  const paths: string[] = [];
  let format: 'json' | 'csv' = 'json';
  let out: string | undefined;
  let jobs = Math.min(availableParallelism(), 8);
  let year: number | undefined;
  let max: number | undefined;
  const fetching: FetchArgs = { delayMs: 2000, timeoutMs: 30_000, cache: true };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '--' && !crawl) {
      paths.push(...rest.slice(i + 1));
      break;
    }
    const is = (name: string) => a === name || a.startsWith(`${name}=`);
    const value = (name: string) => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (is('--format')) {
      const f = value('--format');
      if (f !== 'json' && f !== 'csv') throw new UsageError(`--format must be json or csv, not "${f}"`);
      format = f;
    } else if (is('--out')) out = value('--out');
    else if (is('--jobs') && !crawl) jobs = whole('--jobs', value('--jobs'));
    else if (is('--delay'))
      fetching.delayMs = Math.round(number('--delay', value('--delay'), (n) => n >= 0, 'a number of seconds ≥ 0') * 1000);
    else if (is('--timeout'))
      fetching.timeoutMs = Math.round(number('--timeout', value('--timeout'), (n) => n > 0, 'a number of seconds > 0') * 1000);
    else if (a === '--no-cache') fetching.cache = false;
    else if (is('--year') && crawl)
      year = number('--year', value('--year'), (n) => Number.isInteger(n) && n >= 2000 && n <= 2100, 'a year (2000–2100)');
    else if (is('--max') && crawl) max = whole('--max', value('--max'));
    else if (a.startsWith('-') && a !== '-')
      throw new UsageError(`unknown option ${a}${crawl ? ' for crawl' : ' (a path starting with - goes after --)'}`);
    else paths.push(a);
  }
  if (!crawl) {
    if (paths.length === 0) throw new UsageError('no file or directory given');
    return { command, paths, format, ...(out !== undefined ? { out } : {}), jobs, ...fetching };
  }
  if (paths.length !== 1) throw new UsageError(paths.length ? 'crawl reads one listing address' : 'no listing address given');
  const url = paths[0] as string;
  if (!isAddress(url)) throw new UsageError(`crawl needs an http(s) address, not "${url}"`);
  return {
    command,
    url,
    format,
    ...(out !== undefined ? { out } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(max !== undefined ? { max } : {}),
    ...fetching,
  };
}
