/**
 * The record of an address that could not be fetched: its `source.url`, no tables, and one `na`
 * finding `source.fetch:<reason>` saying why in Chinese. The figures to say it in another language
 * travel in the finding's fields: `actual` the HTTP status (or, too large, the bytes), `expected` the
 * limit passed (the timeout or the wait asked, in seconds; the size limit in bytes), `quote` the
 * system's error text or the address that stopped the host.
 */
import type { Finding, ReportRecord } from '../record/schema';
import { unreadRecord } from '../record/unread';
import { fileKind } from '../sources/kind';
import type { FetchFailure } from './fetched';

const STATUS_WORDS: Record<number, string> = {
  400: '请求无效',
  401: '需要登录',
  403: '拒绝访问',
  404: '页面不存在',
  405: '不允许的请求',
  410: '页面已删除',
  412: '先决条件失败',
  429: '请求过于频繁',
  500: '服务器内部错误',
  502: '网关错误',
  503: '服务暂不可用',
  504: '网关超时',
};

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const http = (status: number | undefined) => (status ? `HTTP ${status}${STATUS_WORDS[status] ? `，${STATUS_WORDS[status]}` : ''}` : '');
const tries = (f: FetchFailure) => (f.tries && f.tries > 1 ? `（共尝试 ${f.tries} 次）` : '');
const NOTHING = '没有核查任何内容。';
const IN_BROWSER = '可在浏览器中打开这个页面核查。';

/** Why, in Chinese. */
export function failureMessage(f: FetchFailure): string {
  switch (f.reason) {
    case 'status':
      return `无法获取这个页面：服务器返回 ${http(f.status)}${tries(f)}，${NOTHING}`;
    case 'forbidden':
      return `无法获取这个页面：服务器拒绝访问（${http(f.status)}），${NOTHING}${IN_BROWSER}`;
    case 'challenge':
      return `无法获取这个页面：网站返回了反爬虫验证页（HTTP ${f.status}，只有脚本、没有正文），已停止访问这个网站，${NOTHING}${IN_BROWSER}`;
    case 'captcha':
      return `无法获取这个页面：网站要求输入验证码（HTTP ${f.status}），已停止访问这个网站，${NOTHING}${IN_BROWSER}`;
    case 'rateLimited':
      return f.retryAfterMs !== undefined && f.limit !== undefined
        ? `无法获取这个页面：网站要求 ${seconds(f.retryAfterMs)} 秒后再访问（${http(f.status)}），超过了等待上限 ${seconds(f.limit)} 秒，已停止访问这个网站，${NOTHING}`
        : `无法获取这个页面：网站要求放慢访问（${http(f.status)}），放慢后重试仍未成功${tries(f)}，${NOTHING}`;
    case 'timeout':
      return `无法获取这个页面：等待 ${seconds(f.timeoutMs ?? 0)} 秒仍未收到完整回应（超时）${tries(f)}，${NOTHING}`;
    case 'network':
      return `无法获取这个页面：无法连接服务器或传输中断（${f.message ?? '网络错误'}）${tries(f)}，${NOTHING}`;
    case 'tooLarge':
      return `没有读取这个文件：它有 ${f.bytes ?? '超过上限的'} 字节，超过上限 ${f.limit} 字节，年度报告远小于此。`;
    case 'stopped': {
      const by = f.stoppedBy;
      const why =
        by?.reason === 'challenge'
          ? '反爬虫验证页'
          : by?.reason === 'captcha'
            ? '验证码页面'
            : by?.reason === 'rateLimited'
              ? '长时间等待的要求'
              : '多次拒绝访问';
      return `没有请求这个页面：网站 ${f.host ?? ''} 此前返回了${why}${by ? `（${by.url}）` : ''}，为免被当作攻击，已停止访问这个网站，${NOTHING}${IN_BROWSER}`;
    }
  }
}

/** The figures of the message, in the finding's own fields. */
function figures(f: FetchFailure): Pick<Finding, 'actual' | 'expected' | 'quote'> {
  switch (f.reason) {
    case 'timeout':
      return f.timeoutMs !== undefined ? { expected: seconds(f.timeoutMs) } : {};
    case 'tooLarge':
      return { ...(f.bytes !== undefined ? { actual: f.bytes } : {}), ...(f.limit !== undefined ? { expected: f.limit } : {}) };
    case 'network':
      return f.message ? { quote: f.message } : {};
    case 'stopped':
      return { ...(f.stoppedBy?.status ? { actual: f.stoppedBy.status } : {}), ...(f.stoppedBy ? { quote: f.stoppedBy.url } : {}) };
    default:
      return {
        ...(f.status !== undefined ? { actual: f.status } : {}),
        ...(f.retryAfterMs !== undefined ? { expected: seconds(f.retryAfterMs) } : {}),
      };
  }
}

export function fetchFailureFinding(f: FetchFailure): Finding {
  return {
    id: `source.fetch:${f.reason}`,
    rule: 'source.fetch',
    status: 'na',
    severity: 'error',
    message: failureMessage(f),
    cells: [],
    ...figures(f),
  };
}

/** The record of `url`, which could not be fetched (`attachmentOf`: the page that linked it). */
export function fetchFailureRecord(
  url: string,
  capturedAt: string,
  f: FetchFailure,
  linked: { attachmentOf?: string; title?: string } = {},
): ReportRecord {
  const name = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  })();
  const kind = fileKind(name);
  return unreadRecord(
    {
      url,
      title: linked.title ?? '',
      capturedAt,
      kind: kind && kind !== 'html' ? kind : 'html',
      ...(linked.attachmentOf ? { attachmentOf: linked.attachmentOf } : {}),
    },
    [fetchFailureFinding(f)],
  );
}
