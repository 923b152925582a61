/**
 * The cache of fetched answers on disk, keyed by address: one file per answer under
 * $XDG_CACHE_HOME/nianbao/answers (else ~/.cache/nianbao/answers), named by the SHA-256 of the
 * address, holding a JSON line (address, final address, status, headers, when; or the failure, when
 * there was no answer) and then the bytes as they came. Each file is written beside its place and renamed into it, so an interrupted run
 * leaves whole entries or none (a forced exit removes the part written so far); an entry that cannot be
 * read is a miss.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Fetched, Kept, ResponseStore } from '../lib/crawl';

/** Where the cache lives for this user. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg?.startsWith('/') ? xdg : join(homedir(), '.cache');
  return join(base, 'nianbao');
}

/** The JSON line: the answer without its bytes, or the failure. */
type Header = Exclude<Kept, Fetched> | Omit<Fetched, 'bytes'>;

const NEWLINE = 0x0a;
/** Entries being written now (their part files). */
const writing = new Set<string>();

/** Remove the part files being written (synchronous, for a forced exit). */
export function discardPartial(): void {
  for (const part of writing) rmSync(part, { force: true });
}

export function diskStore(dir: string): ResponseStore {
  const answers = join(dir, 'answers');
  let made = false;
  const fileOf = (url: string) => join(answers, createHash('sha256').update(url).digest('hex'));
  return {
    async get(url) {
      let data: Buffer;
      try {
        data = await readFile(fileOf(url));
      } catch {
        return undefined;
      }
      const nl = data.indexOf(NEWLINE);
      if (nl < 0) return undefined;
      try {
        const header = JSON.parse(data.subarray(0, nl).toString('utf8')) as Header;
        if (header.url !== url) return undefined;
        if ('failure' in header) return header;
        return { ...header, bytes: new Uint8Array(data.buffer, data.byteOffset + nl + 1, data.byteLength - nl - 1) };
      } catch {
        return undefined;
      }
    },
    async put(kept) {
      const { bytes, ...header } = 'bytes' in kept ? kept : { ...kept, bytes: new Uint8Array(0) };
      if (!made) {
        mkdirSync(answers, { recursive: true });
        made = true;
      }
      const file = fileOf(kept.url);
      const part = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.part`;
      writing.add(part);
      try {
        await writeFile(part, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), bytes]));
        await rename(part, file);
      } catch (e) {
        await rm(part, { force: true });
        throw e;
      } finally {
        writing.delete(part);
      }
    },
  };
}
