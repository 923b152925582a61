/**
 * What a fetch brings back, and why it may have brought nothing: the shapes every part of the crawl
 * (the polite fetcher, the cache, the records) shares. All plain data, so a browser can store them.
 */

/** A response read whole: kept in the cache, read into a record. */
export interface Fetched {
  /** The address asked for (the cache's key). */
  url: string;
  /** Where it was answered from, after redirects (relative links resolve against it). */
  finalUrl: string;
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  bytes: Uint8Array;
  /** When it was fetched, ms since the epoch. */
  fetchedAt: number;
}

export type FailureReason =
  /** The server answered with an error status (404, 410, 500 …). */
  | 'status'
  /** 403: access refused. */
  | 'forbidden'
  /** An anti-bot challenge (瑞数-style 412, or a 202/200 page that is only a script). */
  | 'challenge'
  /** A page asking for a captcha. */
  | 'captcha'
  /** 429 or 503 still, after the retries (or a wait asked for longer than we wait). */
  | 'rateLimited'
  | 'timeout'
  /** No answer at all: refused connection, unknown host, broken transfer, a bad address. */
  | 'network'
  /** Larger than any report file. */
  | 'tooLarge'
  /** Not asked: the host stopped us earlier (a challenge, a captcha, refusals, or it asked us to wait too long). */
  | 'stopped';

export interface FetchFailure {
  reason: FailureReason;
  /** The HTTP status of the last answer, when there was one. */
  status?: number;
  /** Requests made for this address (1 + retries). */
  tries?: number;
  timeoutMs?: number;
  /** The wait the server asked for (Retry-After), ms. */
  retryAfterMs?: number;
  bytes?: number;
  /** The limit passed: the size limit (bytes, `tooLarge`), or the longest wait we wait (ms, `rateLimited`). */
  limit?: number;
  /** The browser's or the system's own words (network errors). */
  message?: string;
  /** For `stopped`: the host, and the address and failure that stopped it. */
  host?: string;
  stoppedBy?: { url: string; reason: FailureReason; status?: number };
}

/** The charset an HTTP `Content-Type` names, if any (`text/html; charset=GBK` → `GBK`). */
export function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
}
