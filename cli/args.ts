/** The command's arguments, and what is bad usage (exit 2). */
import { availableParallelism } from 'node:os';

/** A problem with what the user asked for (a bad option, no input, a path that does not exist): exit 2. */
export class UsageError extends Error {}

export const USAGE = `用法 usage: nianbao check [options] [--] <file.html|file.pdf|file.docx|dir>...

Reads saved annual-report pages and attachments (PDF, Word .docx) and prints one record per file
(a JSON array, or CSV of the tables in long form). Directories are walked for .html/.htm, .pdf and
.docx files (.doc, .wps and .ofd get a record saying how to read them). When two years of the same
body are among the inputs, the cross-year checks run.

  --format json|csv   what to print (default json)
  --out FILE          write to FILE instead of standard output (checked before any page is read)
  --jobs N            at most N worker threads (default: one per core, fewer when memory is short;
                      --jobs 1 runs in one thread)
  --                  the arguments after it are paths, even when they start with -

A file that cannot be read, or is beyond any report's size, gets a record with one na finding
saying why; the batch goes on. Exit status: 0 when it ran (whatever the findings), 2 on bad usage
(an unknown option, no input, a named path that does not exist, --out that cannot be written),
1 on a failure of the machine (a full $TMPDIR), 130/143 when interrupted (SIGINT/SIGTERM).`;

export interface Args {
  paths: string[];
  format: 'json' | 'csv';
  out?: string;
  jobs: number;
}

export function parseArgs(argv: string[]): Args | 'help' {
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) return 'help';
  if (argv.length === 0) throw new UsageError(`no command given\n${USAGE}`);
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(`unknown command "${command}" (try: nianbao check <file.html|file.pdf|dir>...)`);
  const args: Args = { paths: [], format: 'json', jobs: Math.min(availableParallelism(), 8) };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    if (a === '--') {
      args.paths.push(...rest.slice(i + 1));
      break;
    }
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
    else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const v = value('--jobs');
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs must be a whole number ≥ 1, not "${v}"`);
      args.jobs = n;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a} (a path starting with - goes after --)`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError('no file or directory given');
  return args;
}
