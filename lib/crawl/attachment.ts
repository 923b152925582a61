/**
 * The attachment a report page links, when its body is only that link (「附件：XX区2023年政府信息公开工作年度
 * 报告.pdf」): a link to a PDF, Word, WPS or OFD file, or a frame or embed showing one (pdf.js
 * viewers take it as `?file=`). A minimal detector for the crawl; a link whose title names a report
 * comes before one that does not.
 */
import { absoluteUrl, baseOf } from './links';
import { reportTitleYear } from './title';

/** An address or name ending as a report file does (before any query or fragment). */
export const FILE_NAME = /\.(?:pdf|docx?|wps|ofd)(?:$|[?#])/i;

/** The file a viewer address points to (`viewer.html?file=/a/b.pdf`). */
function viewed(src: string, base: string): string | null {
  try {
    const file = new URL(src, base).searchParams.get('file');
    return file && FILE_NAME.test(file) ? absoluteUrl(file, base) : null;
  } catch {
    return null;
  }
}

/** Every attachment the page links or shows, in page order: address, and whether its title names a report. */
export function attachmentLinks(doc: Document, pageUrl: string): { url: string; titled: boolean }[] {
  const base = baseOf(doc, pageUrl);
  const out: { url: string; titled: boolean }[] = [];
  const add = (url: string | null, title: string) => {
    if (url && !out.some((o) => o.url === url)) out.push({ url, titled: reportTitleYear(title) !== null });
  };
  for (const el of Array.from(doc.querySelectorAll('a[href], iframe[src], embed[src], object[data]'))) {
    const src = el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('data') ?? '';
    const text = `${el.getAttribute('title') ?? ''} ${el.textContent ?? ''}`;
    const url = absoluteUrl(src, base);
    if (!url) continue;
    const shown = viewed(url, base);
    if (shown) add(shown, text);
    else if (FILE_NAME.test(new URL(url).pathname)) add(url, `${text} ${src}`);
    // A download script's address (download.jsp?id=…) with the file's name as the link's text.
    else if (el.tagName === 'A' && FILE_NAME.test(text.trim())) add(url, text);
  }
  return out;
}

/** The attachment to read for a report page without tables of its own, or null when it links none. */
export function attachmentLink(doc: Document, pageUrl: string): string | null {
  const all = attachmentLinks(doc, pageUrl);
  return (all.find((a) => a.titled) ?? all[0])?.url ?? null;
}
