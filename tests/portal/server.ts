/**
 * A fake government portal on 127.0.0.1 for the crawl's tests (command line here, the workbench in
 * real browsers): a 政府信息公开年报 listing over two pages written by the TRS pager script, another
 * listing paged by 下一页 and `?page=2`, and behind their links the fixture reports and every way a
 * portal answers badly. Every request is logged with its start and end (performance.now(), ms; the
 * end is when the response finished or the connection closed), so a test can see that requests never
 * overlapped and were spaced as asked.
 *
 * `startPortal()` → { url, listing, pagedListing, log, reset, close }. What each link of the main
 * listing (`LISTING`, in order) serves is in `ENTRIES`; `/bench/index.html?n=N` lists N plain reports.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const ROOT = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const PAGES = join(ROOT, 'pages');
export const FILES = join(ROOT, 'attachments/files');

export interface LogEntry {
  method: string;
  /** Path and query. */
  path: string;
  start: number;
  end: number;
  status: number;
}

/** How a link of the listings is answered. */
export type Serve =
  | { page: string; charset: 'header' | 'meta' | 'none' }
  | { attachmentPage: string; file: string; date: string }
  | { status: 404 }
  | { rateLimitedOnce: string }
  | { slow: string }
  | { challenge: true };

export interface Entry {
  path: string;
  title: string;
  serve: Serve;
  /** Linked by its absolute address (else relative to the listing page). */
  absolute?: boolean;
}

const P = '/gk/nb/';
/** The main listing's links in order: page 1 (index.html), then page 2 (index_1.html). */
export const ENTRIES: Entry[][] = [
  [
    {
      path: `${P}202401/t20240119_101.html`,
      title: '红钢城街道办事处2023年度政府信息公开工作年度报告',
      serve: { page: 'seed000-plain.html', charset: 'header' },
    },
    {
      path: `${P}202401/t20240126_102.html`,
      title: '渌口区财政局2023年政府信息公开工作年度报告',
      serve: { page: 'gbk-encoded.html', charset: 'meta' },
      absolute: true,
    },
    {
      path: '/bm/nb/t20240122_103.html',
      title: '卫滨区中同街街道办事处2023年政府信息公开工作年度报告',
      serve: { page: 'seed002-plain.html', charset: 'none' },
    },
    {
      path: `${P}202401/t20240125_104.html`,
      title: '南湖区人民政府办公室2023年政府信息公开工作年度报告',
      serve: { attachmentPage: '南湖区人民政府办公室2023年政府信息公开工作年度报告', file: 'seed001-plain.pdf', date: '2024-01-25' },
    },
    {
      path: `${P}202401/t20240110_105.html`,
      title: '关于印发2024年政务公开工作要点的通知',
      serve: { page: 'non-report-plain.html', charset: 'header' },
    },
    {
      path: `${P}202401/t20240129_106.html`,
      title: '鼓楼区自然资源和规划局2023年政府信息公开工作年度报告',
      serve: { rateLimitedOnce: 'typo-suspect.html' },
    },
    { path: `${P}202401/t20240130_107.html`, title: '雁塔区住房和城乡建设局2023年政府信息公开工作年度报告', serve: { status: 404 } },
  ],
  [
    {
      path: `${P}202401/t20240131_108.html`,
      title: '天河区人力资源和社会保障局2023年政府信息公开工作年度报告',
      serve: { slow: 'narrative-contradiction.html' },
    },
    {
      path: `${P}202401/t20240119_101.html`,
      title: '红钢城街道办事处2023年度政府信息公开工作年度报告',
      serve: { page: 'seed000-plain.html', charset: 'header' },
      absolute: true,
    },
    {
      path: `${P}202301/t20230120_109.html`,
      title: '金华市人民政府办公室2022年政府信息公开工作年度报告',
      serve: { page: 'cross-year-2022.html', charset: 'header' },
    },
    {
      path: `${P}202401/t20240120_110.html`,
      title: '金华市人民政府办公室2023年政府信息公开工作年度报告',
      serve: { page: 'cross-year-2023-bad.html', charset: 'header' },
    },
    { path: `${P}202401/t20240201_111.html`, title: '象山县交通运输局2023年政府信息公开工作年度报告', serve: { challenge: true } },
    {
      path: `${P}202401/t20240202_112.html`,
      title: '思明区人民政府2023年政府信息公开工作年度报告',
      serve: { page: 't4-inconsistent.html', charset: 'header' },
    },
  ],
];
export const LISTING = `${P}index.html`;

/** The second listing: paged by 下一页 and ?page=2. */
export const PAGED: Entry[][] = [
  [
    {
      path: '/col/a1.html',
      title: '曲靖市麒麟区珠街街道2020年政府信息公开工作年度报告',
      serve: { page: 'seed004-plain.html', charset: 'header' },
    },
    {
      path: '/col/a2.html',
      title: '江宁区卫生健康委员会2023年政府信息公开工作年度报告',
      serve: { page: 'worked-case.html', charset: 'header' },
    },
  ],
  [
    {
      path: '/col/a3.html',
      title: '思明区人民政府2023年政府信息公开工作年度报告',
      serve: { page: 't4-inconsistent.html', charset: 'header' },
    },
  ],
];
export const PAGED_LISTING = '/col/list?cat=nb';

/** Reports the bench listing cycles through. */
const BENCH_PAGES = [
  'seed000-plain.html',
  'seed001-plain.html',
  'seed002-plain.html',
  'seed003-plain.html',
  'seed004-plain.html',
  'typo-suspect.html',
];

/** A 瑞数-style challenge: a meta tag, the $_ts script, an external script, an empty body. */
const CHALLENGE = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta id="9DhefwqGPrzGxEp9hPaoag" content="${'x'.repeat(200)}" r="m"><script type="text/javascript" r="m">$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=84277;$_ts.cd="qhGrrGAlcGWlqqLrxGZ";</script><script type="text/javascript" charset="utf-8" src="/4QbVtADbnLVIc/d.FxJzG50F.dfe1675.js" r="m"></script></head><body></body></html>`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function listingHtml(entries: Entry[], origin: string, pager: string): string {
  const items = entries
    .map((e) => {
      const href = e.absolute ? `${origin}${e.path}` : e.path;
      return `<li><a href="${esc(href)}" target="_blank" title="${esc(e.title)}">${esc(e.title)}</a><span class="date">2024-01-${String(19 + (e.path.length % 9)).padStart(2, '0')}</span></li>`;
    })
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报-某市人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/gk/">政务公开</a> <a href="/gk/zn/">政府信息公开指南</a></div>
<h2>政府信息公开年报</h2>
<ul class="list">
${items}
</ul>
<div class="page">${pager}</div>
</body></html>`;
}

/** Relative links of the main listing resolve from its pages' folder. */
function relativeTo(entries: Entry[], dir: string): Entry[] {
  return entries.map((e) => (e.absolute || !e.path.startsWith(dir) ? e : { ...e, path: e.path.slice(dir.length) }));
}

function attachmentPageHtml(title: string, file: string, date: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}-某区人民政府</title><meta name="ArticleTitle" content="${title}"></head><body>
<div class="nav"><a href="/">首页</a></div>
<h1>${title}</h1>
<p class="info">发布日期：${date}　来源：区政府办公室</p>
<div class="article"><p>附件：<a href="/files/${file}">${title}.pdf</a></p></div>
<p>上一篇：<a href="t20240119_101.html">红钢城街道办事处2023年度政府信息公开工作年度报告</a></p>
</body></html>`;
}

/** A fixture page's bytes, served as `charset` says: its charset in the header, only in its meta, or nowhere (the meta removed, GBK bytes). */
function pageBytes(name: string, charset: 'header' | 'meta' | 'none'): { bytes: Buffer; type: string } {
  const bytes = readFileSync(join(PAGES, name));
  if (charset === 'header') return { bytes, type: 'text/html; charset=utf-8' };
  if (charset === 'meta') return { bytes, type: 'text/html' };
  const html = bytes.toString('utf8').replace(/<meta charset="utf-8">\n?/i, '');
  return { bytes: iconv.encode(html, 'gbk'), type: 'text/html' };
}

export interface Portal {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The main listing's address (TRS pager, two pages). */
  listing: string;
  /** The listing paged by 下一页 and ?page=2. */
  pagedListing: string;
  /** Every request so far, in arrival order. */
  log: LogEntry[];
  /** Forget the log and the 429 already given (and what was let through). */
  reset(): void;
  /** The challenged report at `path` is let through from now on (a person passed the check in a tab): it serves this fixture page. */
  letThrough(path: string, page: string): void;
  close(): Promise<void>;
}

export interface PortalOptions {
  /** How long the slow report takes to answer, ms (default 3,000). */
  slowMs?: number;
  /**
   * The origin the listings' absolute links name (default the server's own, http://127.0.0.1:<port>):
   * a browser that maps a gov.cn name to the server (`--host-resolver-rules`) is given that name.
   */
  publicOrigin?: string | ((port: number) => string);
}

export async function startPortal(opts: PortalOptions = {}): Promise<Portal> {
  const slowMs = opts.slowMs ?? 3000;
  const log: LogEntry[] = [];
  const rateLimited = new Set<string>();
  const through = new Map<string, string>();
  const byPath = new Map<string, Serve>();
  for (const e of [...ENTRIES.flat(), ...PAGED.flat()]) byPath.set(e.path, e.serve);
  let origin = '';

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', origin);
    const path = u.pathname;
    if (path === LISTING)
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        listingHtml(relativeTo(ENTRIES[0] as Entry[], P), origin, '<script>createPageHTML(2, 0, "index", "html");</script>'),
      );
    if (path === `${P}index_1.html`)
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        listingHtml(relativeTo(ENTRIES[1] as Entry[], P), origin, '<script>createPageHTML(2, 1, "index", "html");</script>'),
      );
    if (path === '/col/list') {
      const second = u.searchParams.get('page') === '2';
      const pager = second
        ? '<a href="list?cat=nb">首页</a> <a href="list?cat=nb">上一页</a>'
        : '<span>1</span> <a href="list?cat=nb&amp;page=2">2</a> <a href="list?cat=nb&amp;page=2">下一页</a>';
      return send(res, 200, 'text/html; charset=utf-8', listingHtml(PAGED[second ? 1 : 0] as Entry[], origin, pager));
    }
    if (path === '/bench/index.html') {
      const n = Number(u.searchParams.get('n') ?? 20);
      const entries = Array.from({ length: n }, (_, i) => ({
        path: `/bench/r/${i}.html`,
        title: `第${i}号单位2023年政府信息公开工作年度报告`,
        serve: { page: '', charset: 'header' as const },
      }));
      return send(res, 200, 'text/html; charset=utf-8', listingHtml(entries, origin, ''));
    }
    const bench = /^\/bench\/r\/(\d+)\.html$/.exec(path);
    if (bench)
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        readFileSync(join(PAGES, BENCH_PAGES[Number(bench[1]) % BENCH_PAGES.length] as string)),
      );
    if (path.startsWith('/files/')) {
      const name = path === '/files/P020240125.pdf' ? 'seed001-plain.pdf' : path.slice('/files/'.length);
      try {
        return send(res, 200, 'application/pdf', readFileSync(join(FILES, name)));
      } catch {
        return send(res, 404, 'text/html; charset=utf-8', '<html><body><h1>404 Not Found</h1></body></html>');
      }
    }
    const serve = byPath.get(path);
    if (!serve || 'status' in serve)
      return send(
        res,
        404,
        'text/html; charset=utf-8',
        '<html><head><title>404</title></head><body><h1>404 Not Found</h1><p>您访问的页面不存在。</p></body></html>',
      );
    const passed = through.get(path);
    if (passed) return send(res, 200, 'text/html; charset=utf-8', readFileSync(join(PAGES, passed)));
    if ('challenge' in serve)
      return send(res, 412, 'text/html; charset=utf-8', CHALLENGE, { 'Set-Cookie': 'NOh8RTWx6K2dS=60aWJ8Zq; path=/; HttpOnly' });
    if ('attachmentPage' in serve)
      return send(res, 200, 'text/html; charset=utf-8', attachmentPageHtml(serve.attachmentPage, 'P020240125.pdf', serve.date));
    if ('rateLimitedOnce' in serve) {
      if (!rateLimited.has(path)) {
        rateLimited.add(path);
        return send(res, 429, 'text/html; charset=utf-8', '<html><body><p>访问过于频繁，请稍后再试。</p></body></html>', {
          'Retry-After': '1',
        });
      }
      return send(res, 200, 'text/html; charset=utf-8', readFileSync(join(PAGES, serve.rateLimitedOnce)));
    }
    if ('slow' in serve) {
      const timer = setTimeout(() => send(res, 200, 'text/html; charset=utf-8', readFileSync(join(PAGES, serve.slow))), slowMs);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    const { bytes, type } = pageBytes(serve.page, serve.charset);
    return send(res, 200, type, bytes);
  };

  const server = createServer((req, res) => {
    const entry: LogEntry = { method: req.method ?? 'GET', path: req.url ?? '/', start: performance.now(), end: Number.NaN, status: 0 };
    log.push(entry);
    res.on('close', () => {
      entry.end = performance.now();
      entry.status = res.headersSent ? res.statusCode : 0;
    });
    handle(req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const own = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const port = (server.address() as AddressInfo).port;
  origin = typeof opts.publicOrigin === 'function' ? opts.publicOrigin(port) : (opts.publicOrigin ?? own);
  return {
    url: own,
    listing: `${own}${LISTING}`,
    pagedListing: `${own}${PAGED_LISTING}`,
    log,
    reset: () => {
      log.length = 0;
      rateLimited.clear();
      through.clear();
    },
    letThrough: (path, page) => {
      through.set(path, page);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Run as a script (`npx tsx tests/portal/server.ts`): serve until stopped, printing the addresses. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const portal = await startPortal();
  process.stdout.write(`${portal.listing}\n${portal.pagedListing}\n${portal.url}/bench/index.html?n=30\n`);
}
