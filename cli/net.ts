/**
 * The polite fetcher set up for Node: the global `fetch`, the wall clock, timers, the disk cache
 * (or, with --no-cache, a store in the run's scratch folder that only this run reads, so the
 * cross-year pass reads a report again without asking for it again), charset sniffing for the
 * challenge and captcha tests, and a User-Agent that says who is asking.
 */
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Polite, type PoliteOptions, politeFetcher } from '../lib/crawl';
import type { FetchArgs } from './args';
import { cacheDir, diskStore } from './cache';
import { decodeHtml } from './decode';
import { MAX_FILE_BYTES } from './limits';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Plain ASCII (header values must be): the tool, its version, and that it reads annual reports. */
export const USER_AGENT = `Mozilla/5.0 (compatible; nianbao-check/${version}; annual-report checker)`;

export function nodeFetcher(args: FetchArgs, scratch: string, signal: AbortSignal, onRequest?: PoliteOptions['onRequest']): Polite {
  return politeFetcher(
    {
      fetch: (url, init) => fetch(url, init),
      now: Date.now,
      sleep: (ms, s) => sleep(ms, undefined, s ? { signal: s } : {}),
      store: diskStore(args.cache ? cacheDir() : scratch),
    },
    {
      delayMs: args.delayMs,
      timeoutMs: args.timeoutMs,
      maxBytes: MAX_FILE_BYTES,
      headers: { 'user-agent': USER_AGENT, 'accept-language': 'zh-CN,zh;q=0.9' },
      signal,
      decode: (bytes, charset) => decodeHtml(bytes, charset).html,
      ...(onRequest ? { onRequest } : {}),
    },
  );
}
