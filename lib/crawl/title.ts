/**
 * Whether a link's title names an annual report, and which year: 「红钢城街道办事处2023年度政府信息公开工作年度报告」
 * → 2023. Notices about the reports (通知, 格式, 解读 …) and other annual things (统计年报, 企业年报) are not.
 */
import { digitYears, norm } from '../text/normalize';

/** The words of a report title; `…` stands for a title the portal cut short (「…信息公开工作年度…」). */
const REPORT = /年度?报告|年报|信息公开工作(?:年度?)?(?:…|\.{2,})$/;
/** What the report is about: disclosure (信息公开, 政务公开); a title of only a year and 年度报告 also counts (a column's own list). */
const ABOUT = /信息公开|政务公开/;
const BARE = /^(?:19|20)\d{2}年度?(?:年度)?(?:报告|年报)$/;
/** Titles that name something about the reports, or another kind of annual report. */
const NOT_A_REPORT = /通知|格式|模板|编制|报送|工作要点|解读|图解|统计年报|企业年报|年报公示|培训|会议|问答|方案|考核|评估|通报|目录/;
/** A year of a report: 2000–2099, not inside a longer number (a date like 20240119, a document number). */
const YEAR = /(?<!\d)(20\d{2})(?!\d)/g;

/** The title in the form it is compared in: full-width folded, traditional as simplified, Chinese-numeral years as digits. */
export const titleForm = (s: string): string => digitYears(norm(s));

/**
 * The year a report title names (the first year followed by 年, else the first year), or null when
 * the title does not name an annual report.
 */
export function reportTitleYear(title: string): number | null {
  const t = titleForm(title).replace(/\.(?:pdf|docx?|wps|ofd)$/i, '');
  if (!REPORT.test(t) || NOT_A_REPORT.test(t)) return null;
  if (!ABOUT.test(t) && !BARE.test(t)) return null;
  const years = Array.from(t.matchAll(YEAR), (m) => ({ year: Number(m[1]), withNian: t[(m.index ?? 0) + 4] === '年' }));
  const year = years.find((y) => y.withNian) ?? years[0];
  return year ? year.year : null;
}
