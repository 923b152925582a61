/**
 * The one static server of the end-to-end tests, the demo and the bench: folders served under URL
 * prefixes on 127.0.0.1, reached by the browser under a gov.cn name (chromium.ts maps the name to
 * this server; Firefox resolves it with `network.dns.localDomains`), so the extension's match
 * patterns fire and nothing leaves the machine.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

export interface Site {
  /** The gov.cn name pages are loaded from. */
  host: string;
  port: number;
  /** Cross-origin isolated responses (the bench: `performance.now()` at 5 µs instead of 100 µs). */
  isolated: boolean;
  /** A page's address for Chromium launched with this site (its port 80 is mapped to the server). */
  url(path: string): string;
  /** The same address with the server's port, for a browser that resolves only the name (Firefox). */
  portUrl(path: string): string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  // No charset for pages: their own <meta charset> decides, as on a real portal (one fixture is GBK).
  '.html': 'text/html',
  '.htm': 'text/html',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Serve `roots` (URL prefix such as "/ndbg/" → folder; the longest matching prefix wins) until `close()`. */
export async function serve(roots: Record<string, string>, { host = 'www.fixtures.gov.cn', isolated = false } = {}): Promise<Site> {
  const prefixes = Object.keys(roots).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = prefixes.find((p) => path.startsWith(p));
    const rel = prefix === undefined ? '' : normalize(path.slice(prefix.length) || 'index.html');
    try {
      if (prefix === undefined || rel.startsWith('..')) throw new Error('outside the roots');
      const body = await readFile(join(roots[prefix] as string, rel));
      res.writeHead(200, {
        'Content-Type': TYPES[extname(rel).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        ...(isolated
          ? {
              'Cross-Origin-Opener-Policy': 'same-origin',
              'Cross-Origin-Embedder-Policy': 'require-corp',
              'Cross-Origin-Resource-Policy': 'same-origin',
            }
          : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    isolated,
    url: (p) => `http://${host}${p}`,
    portUrl: (p) => `http://${host}:${port}${p}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
