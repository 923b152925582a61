/**
 * What kind of file a report attachment is: by its first bytes where they say (a PDF, a zip holding
 * a Word or OFD document, an old Word/WPS compound file), else by its name.
 */
import type { SourceKind } from '../record/schema';

/** Names of files the command line and the attachment page take for reports. */
export const REPORT_FILE = /\.(?:html?|pdf|docx|doc|wps|ofd)$/i;

const EXTENSION: Record<string, SourceKind> = { htm: 'html', html: 'html', pdf: 'pdf', docx: 'docx', doc: 'doc', wps: 'wps', ofd: 'ofd' };

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** A zip's first entries name what it holds (OFD.xml, word/document.xml, [Content_Types].xml). */
function zipHolds(bytes: Uint8Array, name: string): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 65536)));
  return head.includes(name);
}

export function fileKind(name: string, bytes?: Uint8Array): SourceKind | null {
  const ext = EXTENSION[/\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''] ?? null;
  if (!bytes || bytes.length < 8) return ext;
  // "%PDF" within the first bytes (some files carry a few bytes of junk before it).
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (zipHolds(bytes, 'OFD.xml')) return 'ofd';
    if (zipHolds(bytes, 'word/')) return 'docx';
    return ext;
  }
  // An OLE compound file: Word 97–2003 or WPS; the name tells which.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return ext === 'wps' ? 'wps' : 'doc';
  return ext;
}
