/**
 * The polite fetcher on a fake clock and a scripted server: requests one at a time, spaced by the
 * delay from the end of one to the start of the next; Retry-After waited for; 429/503 retried with
 * backoff and the host slowed; challenges, captchas and repeated refusals stop the host; timeouts,
 * broken connections and huge bodies fail with why; the store serves what was fetched well.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FetchLike, type Got, type Kept, type PoliteOptions, politeFetcher, type ResponseStore } from '../../lib/crawl/polite';

interface Answer {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** How long the server takes, ms. */
  takes?: number;
  /** Never answers (until aborted). */
  hang?: boolean;
  /** The connection fails. */
  error?: string;
}

interface Logged {
  url: string;
  start: number;
  end: number;
}

/** A server answering each address with its scripted answers in turn (the last one repeats). */
function server(script: Record<string, Answer[]>) {
  const log: Logged[] = [];
  const calls: Record<string, number> = {};
  const fetch: FetchLike = (url, init) => {
    const n = calls[url] ?? 0;
    calls[url] = n + 1;
    const answers = script[url] ?? [{ status: 404, body: 'not found' }];
    const a = answers[Math.min(n, answers.length - 1)] as Answer;
    const start = Date.now();
    return new Promise((resolve, reject) => {
      const abort = () => {
        log.push({ url, start, end: Date.now() });
        reject(init.signal.reason ?? new Error('aborted'));
      };
      init.signal.addEventListener('abort', abort, { once: true });
      if (a.hang) return;
      setTimeout(() => {
        init.signal.removeEventListener('abort', abort);
        log.push({ url, start, end: Date.now() });
        if (a.error) return reject(new TypeError('fetch failed', { cause: { code: a.error } }));
        resolve(
          new Response(
            a.body ?? '<html><body><p>一份报告的正文，足够长的文字内容，说明这是一个真正的页面。这里还有更多的文字。</p></body></html>',
            { status: a.status ?? 200, headers: a.headers ?? { 'content-type': 'text/html' } },
          ),
        );
      }, a.takes ?? 100);
    });
  };
  return { fetch, log, calls };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason);
    });
  });

function memoryStore(): ResponseStore & { kept: Map<string, Kept> } {
  const kept = new Map<string, Kept>();
  return { kept, get: async (u) => kept.get(u), put: async (r) => void kept.set(r.url, r) };
}

function fetcher(s: ReturnType<typeof server>, opts: PoliteOptions = {}, store?: ResponseStore) {
  return politeFetcher({ fetch: s.fetch, now: () => Date.now(), sleep, ...(store ? { store } : {}) }, opts);
}

/** Run every timer until the promises settle. */
async function settle<T>(p: Promise<T>): Promise<T> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) await vi.advanceTimersToNextTimerAsync();
  return p;
}

const A = 'http://a.gov.cn/';
const B = 'http://b.gov.cn/';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

const gaps = (log: Logged[]) => log.slice(1).map((l, i) => l.start - (log[i] as Logged).end);

describe('politeFetcher', () => {
  it('makes one request at a time, the delay apart from the end of one to the start of the next', async () => {
    const s = server({ [`${A}1`]: [{ takes: 300 }], [`${A}2`]: [{ takes: 50 }], [`${B}3`]: [{ takes: 10 }] });
    const p = fetcher(s, { delayMs: 2000 });
    const got = await settle(Promise.all([p.get(`${A}1`), p.get(`${A}2`), p.get(`${B}3`)]));
    expect(got.map((g) => g.ok)).toEqual([true, true, true]);
    expect(s.log.map((l) => l.url)).toEqual([`${A}1`, `${A}2`, `${B}3`]);
    expect(gaps(s.log)).toEqual([2000, 2000]);
    // Never two at once: each starts after the one before it ended.
    expect(s.log.map((l) => l.end - l.start)).toEqual([300, 50, 10]);
  });

  it('keeps the answer: status, lower-case headers, bytes, the address asked for', async () => {
    const s = server({ [A]: [{ status: 200, body: 'abc', headers: { 'Content-Type': 'text/plain; charset=GBK' } }] });
    const got = (await settle(fetcher(s).get(A))) as Got & { ok: true };
    expect(got.response).toMatchObject({ url: A, finalUrl: A, status: 200, headers: { 'content-type': 'text/plain; charset=GBK' } });
    expect(new TextDecoder().decode(got.response.bytes)).toBe('abc');
    expect(got.cached).toBe(false);
  });

  it('waits as long as Retry-After says (seconds), then tries again', async () => {
    const s = server({ [A]: [{ status: 429, headers: { 'retry-after': '7' } }, { status: 200 }] });
    const got = await settle(fetcher(s, { delayMs: 1000 }).get(A));
    expect(got.ok).toBe(true);
    expect(gaps(s.log)).toEqual([7000]);
  });

  it('waits until the date a Retry-After names', async () => {
    // An HTTP date has whole seconds: the first answer ends on one.
    const at = new Date(Date.now() + 1000 + 12_000).toUTCString();
    const s = server({ [A]: [{ status: 503, headers: { 'retry-after': at }, takes: 1000 }, { status: 200 }] });
    const got = await settle(fetcher(s, { delayMs: 1000 }).get(A));
    expect(got.ok).toBe(true);
    expect(gaps(s.log)).toEqual([12_000]);
  });

  it('backs off on 429 without Retry-After and slows the host down for the rest of the run', async () => {
    const s = server({ [`${A}1`]: [{ status: 429 }, { status: 200 }], [`${A}2`]: [{ status: 200 }], [`${B}x`]: [{ status: 200 }] });
    const p = fetcher(s, { delayMs: 1000 });
    await settle(Promise.all([p.get(`${A}1`), p.get(`${A}2`), p.get(`${B}x`)]));
    // The retry waits the doubled delay (2 s); the next request to the host is 2 s apart too; another host keeps 1 s.
    expect(gaps(s.log)).toEqual([2000, 2000, 1000]);
  });

  it('gives up after the retries, saying how many tries were made', async () => {
    const s = server({ [A]: [{ status: 503 }] });
    const got = await settle(fetcher(s, { delayMs: 100, retries: 2 }).get(A));
    expect(got).toEqual({ ok: false, failure: { reason: 'rateLimited', status: 503, tries: 3 } });
    expect(s.calls[A]).toBe(3);
  });

  it('stops the host on a wait longer than it will wait, and asks nothing more of it', async () => {
    const s = server({ [`${A}1`]: [{ status: 429, headers: { 'retry-after': '3600' } }], [`${A}2`]: [{}] });
    const p = fetcher(s, { maxWaitMs: 60_000 });
    const [one, two] = await settle(Promise.all([p.get(`${A}1`), p.get(`${A}2`)]));
    expect(one).toEqual({ ok: false, failure: { reason: 'rateLimited', status: 429, retryAfterMs: 3_600_000, tries: 1, limit: 60_000 } });
    expect(two).toEqual({
      ok: false,
      failure: { reason: 'stopped', host: 'a.gov.cn', stoppedBy: { url: `${A}1`, reason: 'rateLimited', status: 429 } },
    });
    expect(s.calls[`${A}2`]).toBeUndefined();
  });

  it('stops a host that answers with a challenge (412), and goes on with other hosts', async () => {
    const challenge =
      '<html><head><meta content="x"><script>$_ts=window["$_ts"];</script><script src="/a.js"></script></head><body></body></html>';
    const s = server({ [`${A}1`]: [{ status: 412, body: challenge }], [`${A}2`]: [{}], [`${B}1`]: [{}] });
    const p = fetcher(s);
    const [one, two, three] = await settle(Promise.all([p.get(`${A}1`), p.get(`${A}2`), p.get(`${B}1`)]));
    expect(one).toEqual({ ok: false, failure: { reason: 'challenge', status: 412, tries: 1 } });
    expect(two.ok || two.failure).toMatchObject({ reason: 'stopped', stoppedBy: { reason: 'challenge', status: 412 } });
    expect(three.ok).toBe(true);
    expect(s.log.map((l) => l.url)).toEqual([`${A}1`, `${B}1`]);
    expect(p.stopped('a.gov.cn')?.reason).toBe('stopped');
  });

  it('takes a 202 or a 200 that is only a challenge script for a challenge', async () => {
    const rs =
      '<html><head><script type="text/javascript">$_ts=window[\'$_ts\'];if(!$_ts)$_ts={};$_ts.nsd=1;</script></head><body></body></html>';
    const jsl = '<html><body><script>document.cookie="__jsl_clearance=1";location.reload()</script></body></html>';
    const s = server({ [`${A}1`]: [{ status: 202, body: rs }], [`${B}1`]: [{ status: 200, body: jsl }] });
    const p = fetcher(s);
    const got = await settle(Promise.all([p.get(`${A}1`), p.get(`${B}1`)]));
    expect(got.map((g) => (g.ok ? 'ok' : `${g.failure.reason} ${g.failure.status}`))).toEqual(['challenge 202', 'challenge 200']);
  });

  it('reads a page built by its scripts without challenge marks as a page', async () => {
    const s = server({ [A]: [{ status: 200, body: '<html><body><div id="app"></div><script src="/app.js"></script></body></html>' }] });
    expect((await settle(fetcher(s).get(A))).ok).toBe(true);
  });

  it('stops the host at a captcha page, GBK-encoded or not', async () => {
    const s = server({
      [`${A}1`]: [{ status: 200, body: '<html><body><form><p>请输入验证码后继续访问</p><input name="code"></form></body></html>' }],
      [`${A}2`]: [{}],
    });
    const p = fetcher(s);
    const [one, two] = await settle(Promise.all([p.get(`${A}1`), p.get(`${A}2`)]));
    expect(one.ok || one.failure).toEqual({ reason: 'captcha', status: 200, tries: 1 });
    expect(two.ok || two.failure.reason).toBe('stopped');
  });

  it('marks a page refused (403) and stops the host at the second refusal in a row', async () => {
    const s = server({
      [`${A}1`]: [{ status: 403 }],
      [`${A}2`]: [{ status: 200 }],
      [`${A}3`]: [{ status: 403 }],
      [`${A}4`]: [{ status: 403 }],
      [`${A}5`]: [{}],
    });
    const p = fetcher(s);
    const got = await settle(Promise.all([1, 2, 3, 4, 5].map((n) => p.get(`${A}${n}`))));
    expect(got.map((g) => (g.ok ? 'ok' : g.failure.reason))).toEqual(['forbidden', 'ok', 'forbidden', 'forbidden', 'stopped']);
    expect(s.calls[`${A}5`]).toBeUndefined();
  });

  it('fails a 404 at once, without retrying', async () => {
    const s = server({ [A]: [{ status: 404 }] });
    expect(await settle(fetcher(s).get(A))).toEqual({ ok: false, failure: { reason: 'status', status: 404, tries: 1 } });
    expect(s.calls[A]).toBe(1);
  });

  it('times out a slow answer, aborting it, and retries with backoff a bounded number of times', async () => {
    const s = server({ [A]: [{ hang: true }] });
    const got = await settle(fetcher(s, { delayMs: 1000, timeoutMs: 5000, retries: 1 }).get(A));
    expect(got).toEqual({ ok: false, failure: { reason: 'timeout', timeoutMs: 5000, tries: 2 } });
    expect(s.log.map((l) => l.end - l.start)).toEqual([5000, 5000]);
    expect(gaps(s.log)).toEqual([1000]);
  });

  it('says why a connection failed', async () => {
    const s = server({ [A]: [{ error: 'ECONNREFUSED' }] });
    const got = await settle(fetcher(s, { retries: 0 }).get(A));
    expect(got).toEqual({ ok: false, failure: { reason: 'network', message: 'fetch failed: ECONNREFUSED', tries: 1 } });
  });

  it('refuses a body beyond the size limit', async () => {
    const s = server({ [A]: [{ body: 'x'.repeat(5000), headers: { 'content-type': 'application/pdf' } }] });
    const got = await settle(fetcher(s, { maxBytes: 1000 }).get(A));
    expect(got.ok || got.failure).toMatchObject({ reason: 'tooLarge', limit: 1000 });
  });

  it('serves what it kept from the store, without a request or a delay', async () => {
    const s = server({ [`${A}ok`]: [{ status: 200 }] });
    const store = memoryStore();
    await settle(fetcher(s, { delayMs: 2000 }, store).get(`${A}ok`));
    const again = fetcher(s, { delayMs: 2000 }, store);
    const t0 = Date.now();
    const got = await settle(Promise.all([again.get(`${A}ok`), again.get(`${A}ok`)]));
    expect(got).toMatchObject([
      { ok: true, cached: true },
      { ok: true, cached: true },
    ]);
    expect(Date.now() - t0).toBe(0);
    expect(s.calls[`${A}ok`]).toBe(1);
  });

  it('keeps a failure for an hour: not asked again meanwhile, asked again after', async () => {
    const s = server({ [`${A}gone`]: [{ status: 404 }] });
    const store = memoryStore();
    await settle(fetcher(s, {}, store).get(`${A}gone`));
    expect(await settle(fetcher(s, {}, store).get(`${A}gone`))).toEqual({
      ok: false,
      failure: { reason: 'status', status: 404, tries: 1 },
      cached: true,
    });
    expect(s.calls[`${A}gone`]).toBe(1);
    vi.advanceTimersByTime(61 * 60 * 1000);
    expect(await settle(fetcher(s, {}, store).get(`${A}gone`))).toEqual({
      ok: false,
      failure: { reason: 'status', status: 404, tries: 1 },
    });
    expect(s.calls[`${A}gone`]).toBe(2);
  });

  it('stops a host again at a challenge it kept, without asking the host anything', async () => {
    const s = server({ [`${A}1`]: [{ status: 412, body: '<script>x</script>' }], [`${A}2`]: [{}] });
    const store = memoryStore();
    await settle(fetcher(s, {}, store).get(`${A}1`));
    const again = fetcher(s, {}, store);
    const got = await settle(Promise.all([again.get(`${A}1`), again.get(`${A}2`)]));
    expect(got.map((g) => (g.ok ? 'ok' : g.failure.reason))).toEqual(['challenge', 'stopped']);
    expect(s.log.map((l) => l.url)).toEqual([`${A}1`]);
  });

  it('asks again for a kept answer older than the age asked for', async () => {
    const s = server({ [A]: [{ status: 200 }] });
    const store = memoryStore();
    await settle(fetcher(s, {}, store).get(A));
    vi.advanceTimersByTime(10_000);
    const again = fetcher(s, {}, store);
    expect(await settle(again.get(A, { maxAgeMs: 60_000 }))).toMatchObject({ cached: true });
    expect(await settle(again.get(A, { maxAgeMs: 5_000 }))).toMatchObject({ cached: false });
    expect(s.calls[A]).toBe(2);
  });

  it('stops at once when its signal aborts: the wait and the request under way end', async () => {
    const s = server({ [`${A}1`]: [{ takes: 10 }], [`${A}2`]: [{ hang: true }] });
    const ctl = new AbortController();
    const p = fetcher(s, { delayMs: 2000, signal: ctl.signal });
    const one = p.get(`${A}1`);
    const two = p.get(`${A}2`);
    await settle(one);
    await vi.advanceTimersByTimeAsync(2500);
    ctl.abort(new Error('stop'));
    await expect(two).rejects.toThrow('stop');
    expect(s.log.map((l) => l.url)).toEqual([`${A}1`, `${A}2`]);
  });
});
