/**
 * The one place where a page's bytes become its text: the encoding is sniffed the way browsers do,
 * then the bytes are decoded with it. Every input kind that arrives as HTML bytes (a saved file, a
 * fetched page with its HTTP charset) goes through `decodeHtml`.
 */
import { getBOMEncoding, labelToName, TextDecoder } from '@exodus/bytes/encoding.js';
import { analyse } from 'chardet';
import sniffHtmlEncoding from 'html-encoding-sniffer';

/** How the encoding was found, in the order the HTML standard tries them. */
export type SniffedBy = 'bom' | 'transport' | 'meta' | 'late-meta' | 'detected' | 'default';

export interface Sniffed {
  /** An encoding name `TextDecoder` takes (lower case, e.g. `utf-8`, `gbk`, `big5`, `utf-16le`). */
  encoding: string;
  by: SniffedBy;
}

/** No encoding found: the sniffer's fallback, a name no label maps to. */
const NONE = 'none';
/** How far into the head a `<meta charset>` is still looked for after the standard's first 1,024 bytes. */
const LATE_META_WINDOW = 64 * 1024;
/** How many bytes detection looks at, from the first non-ASCII byte (where the text is). */
const DETECT_SAMPLE = 64 * 1024;
/**
 * What detection may answer: the encodings Chinese pages are written in and their CJK neighbours.
 * chardet also scores single-byte Latin encodings, which any undeclared GBK page "matches" weakly.
 */
const DETECTABLE = new Set(['gb18030', 'big5', 'euc-kr', 'euc-jp', 'shift_jis']);
/** The standard's suggested default for a zh-CN user when nothing else tells (its table of locales). */
const DEFAULT = 'gb18030';

/** The canonical name of `label` when a decoder exists for it (`replacement` has none), else null. */
function usable(label: string | null | undefined): string | null {
  const name = label ? labelToName(label) : null;
  if (!name || name === 'replacement') return null;
  return new TextDecoder(name).encoding;
}

/** The HTML standard's prescan, on the first 1,024 bytes of `bytes` (a UTF-16 declaration reads as UTF-8). */
function prescan(bytes: Uint8Array): string | null {
  const found = sniffHtmlEncoding(bytes, { defaultEncoding: NONE });
  return found === NONE ? null : usable(found);
}

/**
 * A `<meta>` declaration further into the head than the prescan reads (a long script or style
 * first). Browsers honour it too: Chromium keeps scanning while in the head, and the standard's
 * "change the encoding" re-reads the page when the parser meets it. Each `<meta` is handed to the
 * standard prescan in turn; the search stops at `<body`. In GBK and Big5 the byte `<` (0x3C) is
 * never part of a two-byte character, so the search on raw bytes is sound for them.
 */
function lateMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, LATE_META_WINDOW));
  const body = head.indexOf('<body', 0, 'latin1');
  const end = body < 0 ? head.length : body;
  for (let at = head.indexOf('<meta', 1, 'latin1'); at >= 0 && at < end; at = head.indexOf('<meta', at + 5, 'latin1')) {
    const found = prescan(bytes.subarray(at, at + 1024));
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

/** Undeclared bytes: UTF-8 when they are valid UTF-8 (ASCII included), else what chardet finds. */
function detect(bytes: Uint8Array): Sniffed {
  if (isUtf8(bytes)) return { encoding: 'utf-8', by: 'detected' };
  const from = Math.max(
    0,
    bytes.findIndex((b) => b >= 0x80),
  );
  for (const match of analyse(bytes.subarray(from, from + DETECT_SAMPLE))) {
    const name = usable(match.name);
    if (name && DETECTABLE.has(name)) return { encoding: name, by: 'detected' };
  }
  return { encoding: DEFAULT, by: 'default' };
}

/**
 * The encoding of an HTML page, as a browser finds it: a byte-order mark; the transport's charset
 * (the HTTP `Content-Type`, when the page was fetched); the standard's `<meta>` prescan of the first
 * 1,024 bytes; a `<meta>` later in the head; then detection. Never throws.
 */
export function sniffEncoding(bytes: Uint8Array, httpCharset?: string): Sniffed {
  const bom = usable(getBOMEncoding(bytes));
  if (bom) return { encoding: bom, by: 'bom' };
  const transport = usable(httpCharset);
  if (transport) return { encoding: transport, by: 'transport' };
  const meta = prescan(bytes);
  if (meta) return { encoding: meta, by: 'meta' };
  const late = lateMeta(bytes);
  if (late) return { encoding: late, by: 'late-meta' };
  return detect(bytes);
}

/** The page's text, decoded by its sniffed encoding (a byte-order mark is dropped); never throws. */
export function decodeHtml(bytes: Uint8Array, httpCharset?: string): Sniffed & { html: string } {
  const sniffed = sniffEncoding(bytes, httpCharset);
  return { ...sniffed, html: new TextDecoder(sniffed.encoding).decode(bytes) };
}
