/**
 * What an answer means for the crawl: a page to read; a reason to try again later (429, 503, a
 * server error); or a page that failed, and whether the site is telling us to stop altogether (an
 * anti-bot challenge, a captcha). Portals' defences look alike: 瑞数 answers 412, or 202/200, with a
 * page that is only a script setting a cookie and reloading; 加速乐 answers 521 the same way.
 */

import { eitherScript } from '../text/t2s';
import type { Fetched, FetchFailure } from './fetched';
import { retryAfterMs } from './retryAfter';

export type Verdict =
  | { kind: 'ok' }
  | { kind: 'retry'; failure: FetchFailure; retryAfterMs?: number }
  | { kind: 'fail'; failure: FetchFailure; stopHost: boolean };

/** Bodies larger than this are real pages; only smaller ones are looked into for a challenge or a captcha. */
const INSPECT_BYTES = 512 * 1024;
/** A page showing fewer characters than this shows nothing (a challenge's body is empty). */
const EMPTY_TEXT = 40;
/** A captcha page says little besides asking; a report page says thousands of characters. */
const CAPTCHA_TEXT = 600;
/** What anti-bot scripts leave in their page: 瑞数's $_ts, 加速乐's cookie, Aliyun's and others' WAF cookies, a cookie set then a reload. */
const CHALLENGE_MARKS = /\$_ts\b|__jsl_clearance|acw_sc__v2|_waf_|challenge-platform|cf-chl|document\.cookie\s*=/i;
const CAPTCHA = new RegExp(eitherScript(/验证码|滑动验证|拖动滑块|人机验证|安全验证|访问验证|请完成验证|captcha|geetest/.source), 'i');
const REPORT_WORDS = /本年新收|勾稽关系|信息公开工作年度报告/;

/** What a person would see of an HTML page: its text without scripts, styles, comments and tags. */
export function visibleText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&[#\w]+;/g, ' ')
    .replace(/[\s\u00a0\u3000]+/g, '');
}

const hasScript = (html: string) => /<script\b/i.test(html);

export interface JudgeOptions {
  /** Decodes an HTML body (the page's charset sniffed); UTF-8 when not given. */
  decode?: (bytes: Uint8Array, httpCharset?: string) => string;
  /** The time of the answer, ms since the epoch (a Retry-After date is read from it). */
  now: number;
}

/** The verdict on one answer. */
export function judge(res: Pick<Fetched, 'status' | 'headers' | 'bytes'>, opts: JudgeOptions): Verdict {
  const { status, headers, bytes } = res;
  const small = bytes.byteLength <= INSPECT_BYTES;
  const html = small ? (opts.decode?.(bytes) ?? new TextDecoder().decode(bytes)) : '';
  const text = small ? visibleText(html) : '';
  const scriptOnly = small && hasScript(html) && text.length < EMPTY_TEXT;
  const captcha = small && text.length < CAPTCHA_TEXT && CAPTCHA.test(html) && !REPORT_WORDS.test(text);
  const fail = (reason: FetchFailure['reason'], stopHost: boolean): Verdict => ({ kind: 'fail', failure: { reason, status }, stopHost });

  if (status === 412 || ((status === 202 || status === 521) && scriptOnly)) return fail('challenge', true);
  if (scriptOnly && CHALLENGE_MARKS.test(html)) return fail('challenge', true);
  if (captcha) return fail('captcha', true);
  if (status === 429 || status === 503 || status === 500 || status === 502 || status === 504) {
    const wait = retryAfterMs(headers['retry-after'], opts.now);
    const reason = status === 429 || status === 503 ? 'rateLimited' : 'status';
    return {
      kind: 'retry',
      failure: { reason, status, ...(wait !== undefined ? { retryAfterMs: wait } : {}) },
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    };
  }
  if (status === 403) return fail('forbidden', false);
  if (status < 200 || status >= 300 || status === 204) return fail('status', false);
  return { kind: 'ok' };
}
