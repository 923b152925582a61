/**
 * A fetched page's bytes → its text in an extension page, as the browser would have decoded it:
 * a byte-order mark, the HTTP charset, the HTML standard's `<meta>` prescan of the first 1,024
 * bytes (html-encoding-sniffer, the command line's too), a `<meta>` later in the head, then UTF-8
 * when the bytes are valid UTF-8 and GB18030 (the standard's default for zh-CN, a superset of GBK)
 * when not. The command line also runs a statistical detector for undeclared Big5 pages; here the
 * page is decoded as the zh-CN browser that would show it does.
 */
import sniffHtmlEncoding from 'html-encoding-sniffer';

const NONE = 'none';
/** How far into the head a late `<meta charset>` is looked for. */
const LATE_META_WINDOW = 64 * 1024;

/** A label the browser's TextDecoder takes, in its canonical name; null when it takes none. */
function usable(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

function sniff(bytes: Uint8Array, transport?: string): string | null {
  const found = sniffHtmlEncoding(bytes, {
    defaultEncoding: NONE,
    ...(usable(transport) ? { transportLayerEncodingLabel: transport } : {}),
  });
  return found === NONE ? null : usable(found);
}

/** A `<meta>` declaration further into the head than the prescan reads (each `<meta` prescanned in turn, up to `<body`). */
function lateMeta(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, LATE_META_WINDOW));
  const body = head.search(/<body/i);
  const end = body < 0 ? head.length : body;
  for (let at = head.indexOf('<meta', 1); at >= 0 && at < end; at = head.indexOf('<meta', at + 5)) {
    const found = sniff(bytes.subarray(at, at + 1024));
    if (found) return found;
  }
  return null;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The encoding a browser would decode the page with. */
export function pageEncoding(bytes: Uint8Array, httpCharset?: string): string {
  return sniff(bytes, httpCharset) ?? lateMeta(bytes) ?? (isUtf8(bytes) ? 'utf-8' : 'gb18030');
}

/** The page's text; never throws. */
export function decodePage(bytes: Uint8Array, httpCharset?: string): string {
  return new TextDecoder(pageEncoding(bytes, httpCharset)).decode(bytes);
}
