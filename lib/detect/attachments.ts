/**
 * The page's links to files that look like the report itself (a PDF, Word, WPS or OFD attachment),
 * so the reader can offer to check the attachment: a link whose text or file name names a
 * 信息公开…年度报告/年报, or, on a page titled as a report that has no report of its own, a file
 * named 年度报告/年报, or its only attachment. Templates (格式) and application forms are never
 * offered. Pure: the links are kept as the page writes them (relative ones stay relative, so the
 * command line and the browser give the same record); the reader resolves them against the page.
 */
import type { Attachment, AttachmentKind } from '../record/schema';
import { eitherScript } from '../text/t2s';

const FILE_EXT = /\.(pdf|docx|doc|wps|ofd)$/i;
/** A name that says it is the information-disclosure annual report. */
const REPORT_NAME = new RegExp(eitherScript(/信息公开.{0,16}(?:年度报告|年报)/.source));
/** A name that says only "annual report". */
const YEARLY = new RegExp(eitherScript(/年度报告|年报/.source));
/** The template, the notice about it, an application form: attachments that are not a report. */
const NOT_A_REPORT = new RegExp(eitherScript(/格式|模板|样式|样表|申请表|登记表/.source));
/** More than this many is a list page of many bodies' reports; the first ones are offered. */
const MOST = 10;

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function extension(name: string): AttachmentKind | null {
  const m = FILE_EXT.exec(name);
  return m ? ((m[1] as string).toLowerCase() as AttachmentKind) : null;
}

/** The last segment of a link's path, decoded (「…年度报告.pdf」 from `/attach/%E2…pdf?id=3`). */
function fileName(href: string): string {
  const path = href.split(/[?#]/)[0] ?? '';
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return squash(decodeURIComponent(last));
  } catch {
    return squash(last);
  }
}

interface Link extends Attachment {
  /** Link text, file name and title together: what the tests below read. */
  words: string;
}

function fileLinks(root: Element): Link[] {
  const out: Link[] = [];
  const seen = new Set<string>();
  for (const a of Array.from(root.getElementsByTagName('a'))) {
    const href = a.getAttribute('href')?.trim();
    if (!href || /^(?:javascript|mailto):/i.test(href) || seen.has(href)) continue;
    const text = squash(a.textContent ?? '');
    const title = squash(a.getAttribute('title') ?? '');
    const file = fileName(href);
    const kind = extension(text) ?? extension(file) ?? extension(title);
    if (!kind) continue;
    seen.add(href);
    const name = extension(text) || YEARLY.test(text) ? text : extension(title) ? title : file || text;
    out.push({ url: href, name, kind, words: `${text} ${title} ${file}` });
  }
  return out;
}

export interface AttachmentContext {
  /** The page's title or heading names a report (lib/detect/report.ts `readTitle`). */
  titled: boolean;
  /** The page itself holds the report (its tables or sections). */
  isReport: boolean;
}

/** The attachments of `root` that look like the report, in page order (at most ten). */
export function reportAttachments(root: Element, { titled, isReport }: AttachmentContext): Attachment[] {
  const links = fileLinks(root).filter((l) => !NOT_A_REPORT.test(l.words));
  let found = links.filter((l) => REPORT_NAME.test(l.words));
  // A page that only announces the report: its file may be named plainly (「2023年年报.pdf」, 「附件1.pdf」).
  if (found.length === 0 && titled && !isReport) {
    found = links.filter((l) => YEARLY.test(l.words));
    if (found.length === 0 && links.length === 1) found = links;
  }
  return found.slice(0, MOST).map(({ url, name, kind }) => ({ url, name, kind }));
}
