import { drain, type Steps } from '../steps';
import { chineseNumeral } from '../text/normalize';
import type { Sentence } from './types';

/** A figure the report states in words, and where in the tables it should be found. */
export interface Statement {
  figure: string;
  value: number;
  quote: string;
}

/** The Chinese numerals a figure may be written in (chineseNumeral reads them). */
const NUMERALS = '零〇一二两三四五六七八九十百千';
const N = `(\\d+|[${NUMERALS}]+)`;
const GAP = '[^，,。；;：:\\d]{0,12}?';
const UNIT = '\\s*(?:件|宗|起|个|份|条|项)';
/** Words that make a figure a part of a group rather than the group's total (行政复议决定维持2件). */
const PART = /维持|纠正|撤销|驳回|审结|其中|网络|信函|当面|现场|电话|邮寄|传真|依申请公开率|超期/;

/** [figure, pattern]: the first group is the number. More specific patterns come first. */
const PATTERNS: [string, RegExp][] = [
  ['grantedOrPartial', new RegExp(`予以公开(?:和|及|与|、|或)部分公开${GAP}${N}${UNIT}`)],
  ['carriedOver', new RegExp(`上(?:一)?年(?:度)?(?:\\(\\d{4}年(?:度)?\\))?(?:结转|转结)${GAP}${N}${UNIT}`)],
  ['carriedForward', new RegExp(`(?:结转|顺延|转入)(?:(?:至|到)?下(?:一)?(?:个)?年(?:度)?|(?:至|到)\\d{4}年(?:度)?)${GAP}${N}${UNIT}`)],
  ['newReceived', new RegExp(`(?:新收|收到|受理|接收|接到)${GAP}(?:申请|信息公开|公开信息)${GAP}${N}${UNIT}`)],
  ['totalProcessed', new RegExp(`(?:办结|答复|办理完毕)${GAP}${N}${UNIT}`)],
  ['granted', new RegExp(`(?<![不部分])予以公开${GAP}${N}${UNIT}`)],
  ['partiallyGranted', new RegExp(`(?<![和及与、或])部分公开${GAP}${N}${UNIT}`)],
  // Items of a group, named by words only that row uses: compared with the row's 总计.
  ['unable.notHeld', new RegExp(`不掌握${GAP}${N}${UNIT}`)],
  ['unable.needsCreation', new RegExp(`另行制作${GAP}${N}${UNIT}`)],
  ['unable.unclear', new RegExp(`仍不明确${GAP}${N}${UNIT}`)],
  ['notProcessed.complaint', new RegExp(`信访举报投诉${GAP}${N}${UNIT}`)],
  ['notProcessed.duplicate', new RegExp(`重复申请${GAP}${N}${UNIT}`)],
  ['notProcessed.publication', new RegExp(`公开出版物${GAP}${N}${UNIT}`)],
  ['notProcessed.excessive', new RegExp(`大量反复申请${GAP}${N}${UNIT}`)],
  ['withheld.stateSecret', new RegExp(`国家秘密${GAP}${N}${UNIT}`)],
  ['withheld.thirdParty', new RegExp(`第三方合法权益${GAP}${N}${UNIT}`)],
  ['withheld.processInfo', new RegExp(`过程性信息${GAP}${N}${UNIT}`)],
  ['withheld.internalAffairs', new RegExp(`内部事务信息${GAP}${N}${UNIT}`)],
  ['withheld', new RegExp(`不予公开${GAP}${N}${UNIT}`)],
  ['unable', new RegExp(`无法提供${GAP}${N}${UNIT}`)],
  ['notProcessed', new RegExp(`不予处理${GAP}${N}${UNIT}`)],
  ['otherHandling', new RegExp(`其他处理${GAP}${N}${UNIT}`)],
  ['review', new RegExp(`行政复议${GAP}${N}${UNIT}`)],
  ['litigation', new RegExp(`行政诉讼${GAP}${N}${UNIT}`)],
];

/** What every pattern above ends with (the last character of N, then UNIT). */
const FIGURE_UNIT = new RegExp(`[\\d${NUMERALS}]${UNIT}`);

/** Whole-year statements of nothing: 「未收到…申请」, 「未发生…行政复议」. */
const ZERO: [string, RegExp][] = [
  ['newReceived', /(?:未|没有|无)(?:接到|收到|受理|接收)[^，,。；;]{0,20}?申请/],
  ['review', /(?:未|没有|无)(?:发生|出现|产生|涉及)?[^，,。；;\d]{0,20}?行政复议/],
  ['litigation', /(?:未|没有|无)(?:发生|出现|产生|涉及)?[^，,。；;\d]{0,20}?(?:行政)?诉讼/],
];

const ALL_UPHELD = /均(?:获|被|已|予|予以)?维持/;
const YEAR = /(\d{4})\s*年/g;
const MONTH = /(\d{1,2})\s*月(?:份)?(?:(\d{1,2})\s*日)?/g;
const PARTIAL = /[上下]半年|季度|月份|截至目前|截止目前/;

function toNumber(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : chineseNumeral(s);
}

/** A clause speaks of the whole report year: no other year, no month or quarter (1月1日/12月31日 bound the year). */
function wholeYear(clause: string, year: number | undefined, figure: string): boolean {
  if (PARTIAL.test(clause)) return false;
  for (const m of clause.matchAll(YEAR)) {
    const y = Number(m[1]);
    if (year === undefined || y === year) continue;
    if (figure === 'carriedOver' && y === year - 1) continue;
    if (figure === 'carriedForward' && y === year + 1) continue;
    return false;
  }
  for (const m of clause.matchAll(MONTH)) {
    const bound = (m[1] === '12' && m[2] === '31') || (m[1] === '1' && m[2] === '1');
    if (!bound) return false;
  }
  return true;
}

/** Sentences looked at per step: each is tried against every pattern above. */
const SENTENCES_PER_STEP = 4;

/** Find every figure the narrative states about the whole year. */
export function statements(sentences: Sentence[], year: number | undefined): Statement[] {
  return drain(statementSteps(sentences, year));
}

/** `statements` in steps (see lib/steps.ts). */
export function* statementSteps(sentences: Sentence[], year: number | undefined): Steps<Statement[]> {
  const out: Statement[] = [];
  for (const [i, s] of sentences.entries()) {
    if (i % SENTENCES_PER_STEP === SENTENCES_PER_STEP - 1) yield;
    if (!s.scoped) continue;
    for (const clause of s.norm.split(/[，,；;。]/)) {
      const found = new Set<string>();
      // Every pattern ends in a figure and its unit: a clause without one skips them all.
      const patterns = FIGURE_UNIT.test(clause) ? PATTERNS : [];
      for (const [figure, re] of patterns) {
        const m = re.exec(clause);
        if (!m || found.has(figure)) continue;
        if (PART.test(m[0]) && figure !== 'newReceived') continue;
        if (figure === 'newReceived' && /结转/.test(m[0])) continue;
        if (!wholeYear(clause, year, figure)) continue;
        const value = toNumber(m[1] as string);
        if (value === null) continue;
        // 「予以公开及部分公开12件」 must not also count as 予以公开 or 部分公开.
        if (figure === 'grantedOrPartial') found.add('granted').add('partiallyGranted');
        found.add(figure);
        out.push({ figure, value, quote: s.text });
      }
      for (const [figure, re] of ZERO) {
        if (found.has(figure) || !re.test(clause) || !wholeYear(clause, year, figure)) continue;
        found.add(figure);
        out.push({ figure, value: 0, quote: s.text });
      }
      if (ALL_UPHELD.test(clause) && /复议|诉讼/.test(s.norm)) out.push({ figure: 'allUpheld', value: 0, quote: s.text });
    }
  }
  return out;
}
