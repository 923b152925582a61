/**
 * The paths named on the command line → the pages to read: an http(s) address is one input to
 * fetch; directories are walked in name order for report files (`.html`/`.htm`, `.pdf`, `.docx`,
 * and `.doc`/`.wps`/`.ofd`, which get a record saying how to read them). A named path that does
 * not exist at all is bad usage (a typo: exit 2); anything else that cannot be listed or read (a
 * folder without permission, a dangling link) is an input of its own whose record will say why, so
 * the batch goes on.
 */
import type { Dirent } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { REPORT_FILE } from '../lib/sources';
import { isAddress, UsageError } from './args';
import { type PageProblem, readProblem, reasonOf } from './problem';

export interface Input {
  /** A file's absolute path, or an http(s) address. */
  path: string;
  /** Known before reading: the folder could not be listed. */
  problem?: PageProblem;
  /** `path` is an address to fetch. */
  address?: true;
}

async function walk(dir: string): Promise<Input[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    return [{ path: resolve(dir), problem: readProblem(e) }];
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: Input[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    // Links to folders are not followed (no loops); links to pages are read, dangling ones reported.
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (REPORT_FILE.test(e.name)) out.push({ path: resolve(p) });
  }
  return out;
}

async function expand(path: string): Promise<Input[]> {
  try {
    await lstat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`cannot read ${path}: ${reasonOf(e)}`);
    return [{ path: resolve(path), problem: readProblem(e) }];
  }
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    () => false, // a dangling link: reading it says so
  );
  return isDir ? walk(path) : [{ path: resolve(path) }];
}

export async function inputsOf(paths: string[]): Promise<Input[]> {
  const out: Input[] = [];
  for (const p of paths) out.push(...(isAddress(p) ? [{ path: p, address: true } as const] : await expand(p)));
  return out;
}
