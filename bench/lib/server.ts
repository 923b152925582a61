import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/**
 * A static server on 127.0.0.1 for the bench pages. Pages are reached under a gov.cn name that the
 * browser maps to this address (`--host-resolver-rules`), so the content script's match patterns fire
 * and nothing leaves the machine. Every response is uncached and cross-origin isolated, which gives
 * `performance.now()` its 5 µs resolution instead of 100 µs.
 */
export interface Site {
  server: Server;
  port: number;
  /** The host name pages are loaded from (mapped to 127.0.0.1). */
  host: string;
  url(path: string): string;
  close(): Promise<void>;
}

export const BENCH_HOST = 'www.nianbao-bench.gov.cn';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};

/** `roots` maps a URL prefix ("/fixtures/") to a folder. */
export async function serve(roots: Record<string, string>): Promise<Site> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    const rel = prefix ? normalize(path.slice(prefix.length)) : '';
    if (!prefix || rel.startsWith('..')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(roots[prefix] as string, rel));
      res.writeHead(200, {
        // No charset: the page's own <meta charset> decides, as on a real portal.
        'Content-Type': TYPES[extname(rel).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    host: BENCH_HOST,
    url: (p: string) => `http://${BENCH_HOST}:${port}${p}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Chromium flags that point the bench host at the local server and treat it as a secure origin. */
export function siteArgs(site: Site): string[] {
  return [
    `--host-resolver-rules=MAP ${site.host} 127.0.0.1`,
    `--unsafely-treat-insecure-origin-as-secure=http://${site.host}:${site.port}`,
  ];
}
