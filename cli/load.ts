import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';

/** The charset a page declares (BOM, then <meta charset> / http-equiv in its first bytes); UTF-8 otherwise. */
export function declaredCharset(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  const label = m?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return 'utf-8';
  }
}

/** Where a saved page came from: Chrome's 「saved from url」 comment, the canonical link, og:url. */
function originalUrl(html: string, doc: Document): string | undefined {
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 2048))?.[1];
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  const og = doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  const url = saved ?? canonical ?? og ?? undefined;
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

/** Parse a saved page as a browser would, decoding it by its declared charset. Scripts do not run. */
export async function loadPage(file: string): Promise<{ dom: JSDOM; url: string }> {
  const bytes = await readFile(file);
  const html = new TextDecoder(declaredCharset(bytes)).decode(bytes);
  const fileUrl = pathToFileURL(file).href;
  const dom = new JSDOM(html, { url: fileUrl, contentType: 'text/html' });
  return { dom, url: originalUrl(html, dom.window.document) ?? fileUrl };
}
