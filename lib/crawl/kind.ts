/**
 * What an answer holds: a file (PDF, Word, WPS, OFD) told by its first bytes, else a page when the
 * server says HTML or text, else by the name in its address; and the file's name, for the readers.
 */
import type { SourceKind } from '../record/schema';
import { fileKind } from '../sources/kind';
import type { Fetched } from './fetched';

/** The file's name: the `Content-Disposition` one, else the last segment of its address. */
export function answerName(res: Pick<Fetched, 'finalUrl' | 'headers'>): string {
  const disposition = res.headers['content-disposition'] ?? '';
  const star = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)?.[1];
  const raw = star ?? plain ?? new URL(res.finalUrl).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(raw.trim());
  } catch {
    return raw.trim();
  }
}

export function answerKind(res: Pick<Fetched, 'finalUrl' | 'headers' | 'bytes'>): SourceKind {
  const byBytes = fileKind('', res.bytes);
  if (byBytes) return byBytes;
  if (/html|xml|text\//i.test(res.headers['content-type'] ?? '')) return 'html';
  return fileKind(answerName(res)) ?? 'html';
}
