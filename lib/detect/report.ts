import { type Line, lineNorm } from '../prose/lines';
import { digitYears, norm } from '../text/normalize';
import { traditionalMarkers } from '../text/t2s';

/** The six sections (format.md); real headings vary, so each is recognised by its key words. */
const SECTIONS: RegExp[] = [
  /总体情况|概述|基本情况/,
  /主动公开/,
  /收到和处理.*申请|依申请公开/,
  /行政复议|行政诉讼/,
  /存在.*问题|改进(?:情况|措施)/,
  /其他需要报告|其他事项/,
];
const HEADING = /^(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六]部分)/;

/** Section headings in page order: [section number 1–6, the line]. The first heading of each number counts. */
export function findSections(lines: Line[]): { index: number; heading: string; line: number }[] {
  const out: { index: number; heading: string; line: number }[] = [];
  lines.forEach((l, i) => {
    const n = lineNorm(l);
    if (n.length > 40 || !HEADING.test(n)) return;
    const idx = SECTIONS.findIndex((re) => re.test(n));
    if (idx >= 0 && !out.some((s) => s.index === idx + 1)) out.push({ index: idx + 1, heading: l.text, line: i });
  });
  return out;
}

const TITLE = /^(.*?)(\d{4})年(?:度)?(.*?)(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)/;

export interface TitleInfo {
  title: string;
  year?: number;
  agency?: string;
  /** The title says it is the format (格式) itself, not a report. */
  isFormat: boolean;
  isReportTitle: boolean;
}

/** Read the report's title (heading, meta ArticleTitle or document title) for year and agency. */
export function readTitle(doc: Document, lines: Line[]): TitleInfo {
  const candidates: string[] = [];
  const meta = doc.querySelector('meta[name="ArticleTitle" i], meta[property="og:title"]')?.getAttribute('content');
  // Tag and class collections are indexed; a selector list with classes would walk the whole page.
  for (const name of ['h1', 'h2', 'h3']) {
    for (const h of Array.from(doc.getElementsByTagName(name)).slice(0, 4)) candidates.push(h.textContent ?? '');
  }
  for (const h of Array.from(doc.getElementsByClassName('title')).slice(0, 4)) candidates.push(h.textContent ?? '');
  if (meta) candidates.push(meta);
  for (const l of lines.slice(0, 40)) if (l.text.length < 80) candidates.push(l.text);
  candidates.push(...doc.title.split(/[_|｜—–]|\s-\s/));
  const isFormat = candidates.some((c) => /年度报告格式/.test(norm(c)));
  for (const c of candidates) {
    const n = digitYears(norm(c));
    const m = TITLE.exec(n);
    if (!m) continue;
    const year = Number(m[2]);
    if (year < 2000 || year > 2100) continue;
    const agency = cleanAgency((m[1] ?? '') || (m[3] ?? ''));
    return { title: c.replace(/\s+/g, ' ').trim(), year, ...(agency ? { agency } : {}), isFormat, isReportTitle: true };
  }
  const generic = candidates.find((c) => /信息公开.*(?:年度报告|年报)/.test(norm(c)));
  return { title: (generic ?? doc.title).replace(/\s+/g, ' ').trim(), isFormat, isReportTitle: generic !== undefined };
}

function cleanAgency(s: string): string {
  return s.replace(/^(?:关于|[\d-]+)/, '').replace(/(?:关于|的)$/, '');
}

/** 「本报告所列数据的统计期限为2023年1月1日至12月31日」 → 2023. */
export function periodYear(text: string): number | undefined {
  const m = /统计(?:期限|时限|时间|期间)[^0-9]{0,8}(\d{4})年1月1日/.exec(digitYears(text));
  return m ? Number(m[1]) : undefined;
}

/** The year the narrative speaks of: the most frequent 「YYYY年」 in it. */
export function narrativeYear(text: string): number | undefined {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/(20\d{2})年(?!\d)/g)) {
    const y = Number(m[1]);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | undefined;
  let n = 0;
  for (const [y, c] of counts) {
    if (c > n) {
      best = y;
      n = c;
    }
  }
  return best;
}

export function scriptOf(text: string): 'simplified' | 'traditional' {
  return traditionalMarkers(text, 4000, 8) >= 8 ? 'traditional' : 'simplified';
}

/** Images and attachment links that may hold the tables. */
export function countMedia(root: Element): { images: number; attachments: number } {
  const images = Array.from(root.getElementsByTagName('img')).filter((img) => {
    const w = Number(img.getAttribute('width') ?? '999');
    return !(w > 0 && w < 48);
  }).length;
  const attachments = Array.from(root.getElementsByTagName('a')).filter((a) =>
    /\.(?:docx?|pdf|xlsx?|wps|et|ofd)(?:$|[?#])/i.test(a.getAttribute('href') ?? ''),
  ).length;
  return { images, attachments };
}
