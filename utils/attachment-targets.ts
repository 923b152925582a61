/**
 * Which files a record or a tab offers for the attachment page, and their names: pure, so that the
 * views (the panel's and the popup's offer) may import it without the extension API.
 */
import type { AttachmentKind, ReportRecord } from '@/lib';

/** A file to check, and what the page that linked it says of it. */
export interface AttachmentTarget {
  /** The file's absolute address. */
  url: string;
  /** Its name as the page gave it (else the address's last segment). */
  name?: string;
  kind?: AttachmentKind;
  /** The page that linked it. */
  from?: string;
  /** That page's 发布日期 (the file seldom carries one). */
  publishedAt?: string;
}

const FILE = /\.(pdf|docx|doc|wps|ofd)$/i;

const absolute = (href: string, base: string): string | null => {
  try {
    const u = new URL(href, base);
    return /^https?:$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
};

/** The files a record's page links that look like the report, with absolute addresses. */
export function offeredFiles(record: ReportRecord): AttachmentTarget[] {
  const from = record.source.pageUrl ?? record.source.url;
  return (record.source.attachments ?? []).flatMap((a) => {
    const url = absolute(a.url, record.source.url);
    if (!url) return [];
    return [{ url, name: a.name, kind: a.kind, from, ...(record.source.publishedAt ? { publishedAt: record.source.publishedAt } : {}) }];
  });
}

/** The file's name from its address: the last segment of the path, decoded. */
export function fileNameOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return url;
  }
}

/** A tab showing a report file itself (Chromium's PDF viewer, a download page): its address ends like one. */
export function fileTab(url: string | undefined): AttachmentTarget | null {
  if (!url || !absolute(url, url)) return null;
  const name = fileNameOf(url);
  const m = FILE.exec(name);
  return m ? { url, name, kind: (m[1] as string).toLowerCase() as AttachmentKind } : null;
}
