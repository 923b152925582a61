/**
 * A file of a batch that could not be read or was refused, and the record it gets instead: no
 * tables, one `na` finding saying why (with the figures: its size and the limit). The batch goes on.
 */
import { pathToFileURL } from 'node:url';
import type { Finding, ReportRecord } from '../lib';
import { unreadRecord } from '../lib/record/unread';

/** What stopped a page: `source.read` (the file), `source.size`, `source.nesting`, `source.parse`, `source.memory`. */
export class PageProblem extends Error {
  constructor(
    readonly id: string,
    /** In Chinese, as every finding's message. */
    readonly zh: string,
    readonly figures: { actual?: number; expected?: number } = {},
  ) {
    super(zh);
  }
  get rule(): string {
    return this.id.split(':')[0] as string;
  }
}

/** Why a file could not be read, by its system error code: [Chinese, English]. */
const READ_ERRORS: Record<string, [string, string]> = {
  ENOENT: ['文件不存在（可能是指向不存在文件的链接）', 'no such file or directory'],
  EACCES: ['没有读取权限', 'permission denied'],
  EPERM: ['没有读取权限', 'permission denied'],
  EISDIR: ['这是一个文件夹', 'is a directory'],
  EIO: ['读取时发生输入输出错误', 'input/output error'],
  ELOOP: ['链接形成了循环', 'too many levels of symbolic links'],
  ENAMETOOLONG: ['文件名过长', 'file name too long'],
  ENOTDIR: ['路径中有一段不是文件夹', 'not a directory'],
};

/** The English reason of a system error, for messages on stderr. */
export function reasonOf(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  return READ_ERRORS[code]?.[1] ?? (e instanceof Error ? e.message : String(e));
}

/** A file the system would not give us. */
export function readProblem(e: unknown): PageProblem {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const why = READ_ERRORS[code]?.[0] ?? `读取出错：${e instanceof Error ? e.message : String(e)}`;
  return new PageProblem('source.read:file', `无法读取这个文件：${why}${code ? `（${code}）` : ''}。`);
}

/** The record of a file (or a fetched address) that gave no page. */
export function problemRecord(file: string, capturedAt: string, p: PageProblem): ReportRecord {
  const finding: Finding = { id: p.id, rule: p.rule, status: 'na', severity: 'error', message: p.zh, cells: [], ...p.figures };
  return unreadRecord({ url: /^https?:\/\//i.test(file) ? file : pathToFileURL(file).href, title: '', capturedAt, kind: 'html' }, [
    finding,
  ]);
}
