/**
 * The polite fetcher: one request at a time, never two at once, `delayMs` between the end of one and
 * the start of the next; a `Retry-After` waited for (seconds or a date); 429/503 slow the host down
 * (its delay doubles) and are retried with backoff, as are server errors, timeouts and broken
 * connections, a bounded number of times; a challenge or a captcha stops the host (its other
 * addresses are not asked, their failure says why), as do two refusals (403) in a row or a wait
 * asked for longer than we wait. What was fetched is kept in the store and served from there without
 * a request or a delay: an answer for good (a listing page only as long as its caller says), a
 * failure for an hour (a re-run soon after leaves a site that refused or challenged us alone).
 *
 * Everything the environment gives is passed in: `fetch`, the clock, sleeping, the store. Nothing
 * here touches Node or a browser.
 */
import type { Fetched, FetchFailure } from './fetched';
import { judge, type Verdict } from './judge';

/** What `fetch` answers, as far as it is used (a standard `Response` is one). */
export interface ResponseLike {
  status: number;
  url: string;
  headers: { forEach(cb: (value: string, name: string) => void): void };
  body: ReadableStream<Uint8Array> | null;
}

export type FetchLike = (
  url: string,
  init: { signal: AbortSignal; headers: Record<string, string>; redirect: 'follow' },
) => Promise<ResponseLike>;

/** What the store keeps for an address: its answer, or why it had none (kept a while, so a re-run soon after does not ask again). */
export type Kept = Fetched | { url: string; fetchedAt: number; failure: FetchFailure };

/** Where fetched answers are kept between runs (a disk cache, IndexedDB), keyed by the address asked for. */
export interface ResponseStore {
  get(url: string): Promise<Kept | undefined>;
  put(kept: Kept): Promise<void>;
}

export interface PoliteEnv {
  fetch: FetchLike;
  /** ms since the epoch (`Date.now`): spacing requests, and reading a `Retry-After` date. */
  now: () => number;
  /** Resolves after `ms`; rejects (or resolves early) when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  store?: ResponseStore;
}

export interface PoliteOptions {
  /** Between the end of one request and the start of the next, ms (default 2,000). */
  delayMs?: number;
  /** For a whole answer, body included, ms (default 30,000). */
  timeoutMs?: number;
  /** Further tries after a 429/503/5xx, a timeout or a broken connection (default 2). */
  retries?: number;
  /** The longest body read, bytes (default 64 MB: a scanned report runs to tens of MB). */
  maxBytes?: number;
  /** The longest Retry-After waited for, ms (default 120,000); a longer one stops the host. */
  maxWaitMs?: number;
  /** The slowest a host is slowed down to, ms between requests (default 60,000). */
  maxDelayMs?: number;
  /** A failure kept in the store is served again for this long, ms (default an hour); then the address is asked again. */
  failureMaxAgeMs?: number;
  /** Request headers (a User-Agent that says who is asking). */
  headers?: Record<string, string>;
  /** Stops everything: waits and the request under way end, `get` rejects with the reason. */
  signal?: AbortSignal;
  /** Decodes an HTML body for the challenge and captcha tests (the CLI's charset sniffing). */
  decode?: (bytes: Uint8Array, httpCharset?: string) => string;
  /** Told of every request made: start and end (ms, `now`), and the status or the failure. */
  onRequest?: (r: { url: string; start: number; end: number; status?: number; failure?: FetchFailure['reason'] }) => void;
}

/** `cached`: served from the store, no request made. */
export type Got = { ok: true; response: Fetched; cached: boolean } | { ok: false; failure: FetchFailure; cached?: boolean };

/** A failure that stops the host: the site told us to go away. */
const stopsHost = (f: FetchFailure) =>
  f.reason === 'challenge' || f.reason === 'captcha' || (f.reason === 'rateLimited' && f.limit !== undefined);

export interface GetOptions {
  /** Serve from the store only when fetched within this long, ms (a listing changes; a report does not). */
  maxAgeMs?: number;
}

export interface Polite {
  /** The answer for `url`, in turn after every earlier call. Rejects only when `signal` aborts. */
  get(url: string, opts?: GetOptions): Promise<Got>;
  /** The failure that stopped `host`, if it is stopped. */
  stopped(host: string): FetchFailure | undefined;
}

interface Host {
  /** Multiplier of the delay after 429/503 answers. */
  slow: number;
  /** No request before this time (Retry-After, backoff). */
  notBefore: number;
  forbiddenInARow: number;
  stopped?: FetchFailure;
}

const DEFAULTS = {
  delayMs: 2000,
  timeoutMs: 30_000,
  retries: 2,
  maxBytes: 64 * 1024 * 1024,
  maxWaitMs: 120_000,
  maxDelayMs: 60_000,
  failureMaxAgeMs: 60 * 60 * 1000,
};
/** Backoff never waits less than this, whatever the delay. */
const MIN_BACKOFF_MS = 500;
const TIMEOUT = Symbol('timeout');

class TooLarge extends Error {
  constructor(
    readonly bytes: number | undefined,
    readonly limit: number,
  ) {
    super('too large');
  }
}

async function readBody(res: ResponseLike, max: number): Promise<Uint8Array> {
  let declared: number | undefined;
  res.headers.forEach((v, k) => {
    if (k === 'content-length' && /^\d+$/.test(v)) declared = Number(v);
  });
  if (declared !== undefined && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new TooLarge(declared, max);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(undefined, max);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const hostOf = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.host : null;
  } catch {
    return null;
  }
};

export function politeFetcher(env: PoliteEnv, options: PoliteOptions = {}): Polite {
  const o = { ...DEFAULTS, ...options };
  const hosts = new Map<string, Host>();
  let lastEnd = Number.NEGATIVE_INFINITY;
  let turn: Promise<unknown> = Promise.resolve();
  const signal = o.signal;

  const hostState = (host: string): Host => {
    let h = hosts.get(host);
    if (!h) {
      h = { slow: 1, notBefore: 0, forbiddenInARow: 0 };
      hosts.set(host, h);
    }
    return h;
  };
  const delayOf = (h: Host) => Math.max(o.delayMs, Math.min(o.delayMs * h.slow, o.maxDelayMs));

  /** One request, body included, within the timeout. */
  async function request(url: string): Promise<{ response: Fetched } | { failure: FetchFailure; retry: boolean }> {
    const ctl = new AbortController();
    const stop = () => ctl.abort(signal?.reason);
    signal?.addEventListener('abort', stop, { once: true });
    const work = (async () => {
      const res = await env.fetch(url, { signal: ctl.signal, headers: o.headers ?? {}, redirect: 'follow' });
      const bytes = await readBody(res, o.maxBytes);
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        headers[k.toLowerCase()] = v;
      });
      return { url, finalUrl: res.url || url, status: res.status, headers, bytes, fetchedAt: env.now() } satisfies Fetched;
    })();
    work.catch(() => undefined); // settled after a timeout too: never an unhandled rejection
    const timer = env.sleep(o.timeoutMs, ctl.signal).then(
      () => TIMEOUT,
      () => undefined,
    );
    try {
      const r = await Promise.race([work, timer]);
      if (r === TIMEOUT) return { failure: { reason: 'timeout', timeoutMs: o.timeoutMs }, retry: true };
      return { response: r as Fetched };
    } catch (e) {
      signal?.throwIfAborted();
      if (e instanceof TooLarge)
        return { failure: { reason: 'tooLarge', limit: e.limit, ...(e.bytes ? { bytes: e.bytes } : {}) }, retry: false };
      const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
      const message = [e instanceof Error ? e.message : String(e), cause?.code ?? cause?.message].filter(Boolean).join(': ');
      return { failure: { reason: 'network', message }, retry: true };
    } finally {
      signal?.removeEventListener('abort', stop);
      ctl.abort();
    }
  }

  const stopHost = (h: Host, host: string, by: string, f: FetchFailure) => {
    h.stopped = { reason: 'stopped', host, stoppedBy: { url: by, reason: f.reason, ...(f.status ? { status: f.status } : {}) } };
  };

  /** The tries for `url`: its answer, or why there was none. */
  async function attempts(url: string, host: string, h: Host): Promise<Got> {
    for (let attempt = 0; ; attempt++) {
      const wait = Math.max(lastEnd + delayOf(h), h.notBefore) - env.now();
      if (wait > 0) await env.sleep(wait, signal);
      signal?.throwIfAborted();
      const start = env.now();
      const r = await request(url);
      lastEnd = env.now();
      const verdict: Verdict =
        'failure' in r
          ? r.retry
            ? { kind: 'retry', failure: r.failure }
            : { kind: 'fail', failure: r.failure, stopHost: false }
          : judge(r.response, { now: lastEnd, ...(o.decode ? { decode: o.decode } : {}) });
      o.onRequest?.({
        url,
        start,
        end: lastEnd,
        ...('response' in r ? { status: r.response.status } : {}),
        ...(verdict.kind === 'ok' ? {} : { failure: verdict.failure.reason }),
      });
      const tries = attempt + 1;
      if (verdict.kind === 'ok') {
        h.forbiddenInARow = 0;
        return { ok: true, response: (r as { response: Fetched }).response, cached: false };
      }
      const failure = { ...verdict.failure, tries };
      if (verdict.kind === 'fail') {
        h.forbiddenInARow = failure.reason === 'forbidden' ? h.forbiddenInARow + 1 : 0;
        if (verdict.stopHost || h.forbiddenInARow >= 2) stopHost(h, host, url, failure);
        return { ok: false, failure };
      }
      // Asked to slow down: this host's delay doubles for the rest of the run.
      if (failure.reason === 'rateLimited') h.slow = Math.min(h.slow * 2, o.maxDelayMs / Math.max(o.delayMs, 1));
      if (verdict.retryAfterMs !== undefined && verdict.retryAfterMs > o.maxWaitMs) {
        stopHost(h, host, url, failure);
        return { ok: false, failure: { ...failure, limit: o.maxWaitMs } };
      }
      if (attempt >= o.retries) return { ok: false, failure };
      const backoff = Math.max(delayOf(h), MIN_BACKOFF_MS) * 2 ** attempt;
      h.notBefore = lastEnd + (verdict.retryAfterMs ?? backoff);
    }
  }

  async function fetchOne(url: string, opts: GetOptions): Promise<Got> {
    signal?.throwIfAborted();
    const host = hostOf(url);
    if (!host) return { ok: false, failure: { reason: 'network', message: `not an http(s) address: ${url}` } };
    const h = hostState(host);
    // What is kept costs the host nothing: served even when the host has stopped us.
    const kept = await env.store?.get(url).catch(() => undefined);
    if (kept) {
      const age = env.now() - kept.fetchedAt;
      if ('failure' in kept) {
        if (age <= o.failureMaxAgeMs) {
          // A site that stopped us a little while ago stops us again, without being asked.
          if (stopsHost(kept.failure)) stopHost(h, host, url, kept.failure);
          return { ok: false, failure: kept.failure, cached: true };
        }
      } else if (opts.maxAgeMs === undefined || age <= opts.maxAgeMs) return { ok: true, response: kept, cached: true };
    }
    if (h.stopped) return { ok: false, failure: h.stopped };
    const got = await attempts(url, host, h);
    const keep: Kept = got.ok ? got.response : { url, fetchedAt: env.now(), failure: got.failure };
    await env.store?.put(keep).catch(() => undefined);
    return got;
  }

  return {
    get(url, opts = {}) {
      const mine = turn.then(() => fetchOne(url, opts));
      turn = mine.catch(() => undefined);
      return mine;
    },
    stopped: (host) => hosts.get(host)?.stopped,
  };
}
