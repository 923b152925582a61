/**
 * The way to the attachment page (entrypoints/attachment/): which files a record or a tab offers,
 * the page's address for one (`attachment.html?url=<file>&from=<page>&name=…&published=…`) and back,
 * and opening it — from the popup directly, from the reader through the background (a content script
 * has no tabs API, and a web page may not open an extension page).
 */
import { browser } from 'wxt/browser';
import type { AttachmentKind, ReportRecord } from '@/lib';
import { toBackground } from './messages';

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

const PAGE = '/attachment.html';
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

/** The attachment page's address for a file. */
export function attachmentPageUrl(t: AttachmentTarget): string {
  const q = new URLSearchParams({ url: t.url });
  if (t.name) q.set('name', t.name);
  if (t.from) q.set('from', t.from);
  if (t.publishedAt) q.set('published', t.publishedAt);
  return `${(browser.runtime.getURL as (p: string) => string)(PAGE)}?${q.toString()}`;
}

/** What the attachment page's address asks for; null without a file. */
export function readTarget(search: string): AttachmentTarget | null {
  const q = new URLSearchParams(search);
  const url = q.get('url');
  if (!url) return null;
  const t: AttachmentTarget = { url };
  for (const [param, key] of [
    ['name', 'name'],
    ['from', 'from'],
    ['published', 'publishedAt'],
  ] as const) {
    const v = q.get(param);
    if (v) t[key] = v;
  }
  return t;
}

/** Whether `url` is this extension's attachment page (the popup asks it as it asks a page's reader). */
export function isAttachmentPage(url: string | undefined): boolean {
  if (!url) return false;
  const base = (browser.runtime.getURL as (p: string) => string)(PAGE);
  return url === base || url.startsWith(`${base}?`) || url.startsWith(`${base}#`);
}

/** Open the attachment page for a file in a new tab after `beside` (the tab that offered it). Needs the tabs API. */
export async function openAttachmentBeside(t: AttachmentTarget, beside?: { id?: number; index?: number }): Promise<boolean> {
  if (!/^https?:/i.test(t.url)) return false;
  await browser.tabs.create({
    url: attachmentPageUrl(t),
    ...(beside?.index !== undefined ? { index: beside.index + 1 } : {}),
    ...(beside?.id !== undefined ? { openerTabId: beside.id } : {}),
  });
  return true;
}

/** Open the attachment page for a file, beside the current tab: directly where there is a tabs API, else through the background. */
export async function openAttachment(t: AttachmentTarget): Promise<void> {
  const tabs = (browser as { tabs?: typeof browser.tabs }).tabs;
  if (typeof tabs?.create !== 'function') {
    await toBackground({ type: 'nianbao:attachment', target: t });
    return;
  }
  const [current] = await tabs.query({ active: true, currentWindow: true });
  await openAttachmentBeside(t, current);
}
