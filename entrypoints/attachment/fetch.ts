/**
 * Getting the file: only from sites the extension reads (gov.cn, and sites switched on), with the
 * browser's cookies for the site (a portal that set one after its check lets the file through),
 * refused past the command line's size limit (as it arrives, whatever the server says), and every
 * way it can go wrong told apart: no permission, no connection, an HTTP error, a web page (a
 * verification or login page) where the file should be.
 */
import { siteEnabled } from '@/utils/sites';

/** The command line's limit for PDF and Word files (cli/limits.ts): scanned reports run to tens of megabytes. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type FetchProblem =
  | { kind: 'badUrl' }
  | { kind: 'permission'; host: string }
  | { kind: 'network'; detail: string }
  | { kind: 'http'; status: number }
  | { kind: 'challenge' }
  | { kind: 'tooLarge'; size: number; limit: number };

/** The file's bytes, and its name when the server gives one. */
export type Fetched = { ok: true; bytes: Uint8Array; name: string | null } | { ok: false; problem: FetchProblem };

/** The first bytes are markup: the server sent a page, not a PDF or Word file. */
function looksLikePage(bytes: Uint8Array, type: string): boolean {
  if (/^text\/html|application\/xhtml/i.test(type)) return true;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\uFEFF|^\s+/g, '');
  return /^<(?:!doctype\s+html|html|head|body|script|meta|title)\b/i.test(head);
}

/** The name the server gives the file (`Content-Disposition: attachment; filename*=UTF-8''…`), if any. */
function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*[^']*''([^;]+)/i.exec(header)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1]?.trim() ?? null;
}

/** Read the body, stopping as soon as it passes `limit` bytes. */
async function readBounded(res: Response, limit: number): Promise<Uint8Array | { tooLarge: number }> {
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array(await res.arrayBuffer());
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: size };
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Fetch a report file. Never rejects: what went wrong is a `FetchProblem`. */
export async function fetchFile(url: string, { limit = MAX_FILE_BYTES, fetcher = fetch } = {}): Promise<Fetched> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, problem: { kind: 'badUrl' } };
  }
  if (!/^https?:$/.test(u.protocol)) return { ok: false, problem: { kind: 'badUrl' } };
  if (!(await siteEnabled(u.href))) return { ok: false, problem: { kind: 'permission', host: u.hostname } };
  let res: Response;
  try {
    res = await fetcher(u.href, { credentials: 'include', cache: 'no-cache', redirect: 'follow' });
  } catch (e) {
    return { ok: false, problem: { kind: 'network', detail: e instanceof Error ? e.message : String(e) } };
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, problem: { kind: 'http', status: res.status } };
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, problem: { kind: 'tooLarge', size: declared, limit } };
  }
  let body: Uint8Array | { tooLarge: number };
  try {
    body = await readBounded(res, limit);
  } catch (e) {
    return { ok: false, problem: { kind: 'network', detail: e instanceof Error ? e.message : String(e) } };
  }
  if (!(body instanceof Uint8Array)) return { ok: false, problem: { kind: 'tooLarge', size: body.tooLarge, limit } };
  if (looksLikePage(body, res.headers.get('content-type') ?? '')) return { ok: false, problem: { kind: 'challenge' } };
  return { ok: true, bytes: body, name: dispositionName(res.headers.get('content-disposition')) };
}
