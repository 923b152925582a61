/**
 * The way to the attachment page (entrypoints/attachment/): which files a record or a tab offers,
 * the page's address for one (`attachment.html?url=<file>&from=<page>&name=…&published=…`) and back,
 * and opening it — from the popup directly, from the reader through the background (a content script
 * has no tabs API, and a web page may not open an extension page).
 */
import { browser } from 'wxt/browser';
import type { AttachmentTarget } from './attachment-targets';
import { type Beside, besideTab, openBeside, tabsApi } from './beside';
import { toBackground } from './messages';

export { type AttachmentTarget, fileNameOf, fileTab, offeredFiles } from './attachment-targets';

const PAGE = '/attachment.html';

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
export async function openAttachmentBeside(t: AttachmentTarget, beside?: Beside): Promise<boolean> {
  if (!/^https?:/i.test(t.url)) return false;
  await openBeside(attachmentPageUrl(t), beside);
  return true;
}

/** Open the attachment page for a file, beside the current tab: directly where there is a tabs API, else through the background. */
export async function openAttachment(t: AttachmentTarget): Promise<void> {
  const tabs = tabsApi();
  if (!tabs) {
    await toBackground({ type: 'nianbao:attachment', target: t });
    return;
  }
  await openAttachmentBeside(t, await besideTab(tabs));
}
