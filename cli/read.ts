/**
 * A file's bytes, read only when it is a regular file no larger than the page limit: a pipe or a
 * device named `.html` would block or never end, a huge file is refused by its size before it is
 * read. Every failure is a `PageProblem`, which becomes the file's record.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { checkBytes, MAX_PAGE_BYTES } from './limits';
import { PageProblem, readProblem } from './problem';

export async function readBounded(file: string, max = MAX_PAGE_BYTES): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // Non-blocking, so opening a pipe returns at once (and is then refused) instead of waiting for a writer.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw readProblem(e);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw readProblem(Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
    if (!info.isFile()) throw new PageProblem('source.read:file', '这不是普通文件（是管道、设备或套接字），没有读取。');
    checkBytes(info.size, max);
    // Read until the end or past the limit: a file that grew since it was measured (or a /proc
    // file, which says it is empty) is bounded too.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(64 * 1024, Math.min(info.size - length, max + 1 - length)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      checkBytes(length, max);
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
  } catch (e) {
    throw e instanceof PageProblem ? e : readProblem(e);
  } finally {
    await handle.close();
  }
}
