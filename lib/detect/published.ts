/** The report's publication date, read from what portals print: labelled lines, the info table, meta tags, the signature. */
import type { Line } from '../prose/lines';
import { chineseNumeral, digitYears } from '../text/normalize';
import { eitherScript } from '../text/t2s';

/** A date read from the page, and what it was read from (a label as printed, a meta tag's name, 落款). */
export interface Published {
  /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` when the page gives the time. */
  at: string;
  from: string;
}

/** Labels that name the publication itself, before those that name the document's own date. */
const PUBLISHED_LABEL = new RegExp(eitherScript(/(发)\s*(布)\s*(日\s*期|时\s*间|于)|公\s*开\s*日\s*期/.source));
const DOCUMENT_LABEL = new RegExp(eitherScript(/(发)\s*文\s*日\s*期|成\s*文\s*日\s*期|生\s*成\s*日\s*期|印\s*发\s*日\s*期/.source));

const META = ['PubDate', 'publishdate', 'firstpublishedtime', 'article:published_time'];

const DATE = /((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?(?:[\sT-]*(\d{1,2})[:：](\d{2}))?/;
/** 二〇二四年一月二十日 (the signature of many reports). */
const CN_DATE = /([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/;
/** A line that is nothing but a date: the signature under the report. */
const DATE_ONLY =
  /^[\s(（]*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○Ｏ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)[\s)）]*$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The first date in a string, as `YYYY-MM-DD[THH:MM]`, or undefined when none is plausible. */
export function readDate(s: string): string | undefined {
  const m = DATE.exec(s);
  if (m) return format(Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? undefined : [Number(m[4]), Number(m[5])]);
  const c = CN_DATE.exec(s.replace(/○/g, '〇'));
  if (!c) return undefined;
  const year = Number(/(\d{4})年/.exec(digitYears(`${c[1]}年`))?.[1]);
  const month = chineseNumeral(c[2] as string);
  const day = chineseNumeral(c[3] as string);
  return month === null || day === null ? undefined : format(year, month, day);
}

function format(y: number, mo: number, d: number, time?: [number, number]): string | undefined {
  if (!(y >= 2000 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31)) return undefined;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  return time && time[0] < 24 && time[1] < 60 ? `${date}T${pad(time[0])}:${pad(time[1])}` : date;
}

/**
 * The date after a label: on the label's own line (「发布日期：2024-01-10 10:26」, 「发布时间2021-02-16」), or,
 * when the line is the label alone (an info table's label cell), on the next line (the value cell).
 */
function labelled(lines: Line[], label: RegExp): Published | undefined {
  for (const [i, l] of lines.entries()) {
    const m = label.exec(l.text);
    if (!m) continue;
    const after = l.text.slice(m.index + m[0].length);
    // The date follows the label closely; a date further on belongs to another field of the line.
    const own = /^[\s:：]{0,3}$/.test(after) ? lines[i + 1]?.text : /^[\s:：]{0,3}[\d〇零一二]/.test(after) ? after : undefined;
    const at = own === undefined ? undefined : readDate(own.slice(0, 40));
    if (at) return { at, from: m[0].replace(/\s+/g, '') };
  }
  return undefined;
}

function fromMeta(doc: Document): Published | undefined {
  for (const name of META) {
    const el = doc.querySelector(`meta[name="${name}" i], meta[property="${name}" i]`);
    const at = readDate(el?.getAttribute('content') ?? '');
    if (at) return { at, from: name };
  }
  return undefined;
}

/** The signature date: a line holding only a date, among the last lines of the page's text. */
function signature(lines: Line[]): Published | undefined {
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 40); i--) {
    const text = (lines[i] as Line).text;
    if (!DATE_ONLY.test(text)) continue;
    const at = readDate(text);
    if (at) return { at, from: '落款日期' };
  }
  return undefined;
}

/**
 * When the report was published. The portal's 发布日期/发布时间 (a line, the info table above the article),
 * then its meta tags (PubDate …), then the document's own 发文日期/成文日期, then the signature under the
 * report. A printed date without a time takes the time of a meta tag of the same day.
 */
export function publishedAt(doc: Document, lines: Line[]): Published | undefined {
  const meta = fromMeta(doc);
  const printed = labelled(lines, PUBLISHED_LABEL);
  if (!printed) return meta ?? labelled(lines, DOCUMENT_LABEL) ?? signature(lines);
  if (meta?.at.startsWith(printed.at) && meta.at.length > printed.at.length) return { ...printed, at: meta.at };
  return printed;
}
