import type { Sentence } from '../prose/sentences';
import { drain, type Steps } from '../steps';
import { CHINESE_NUMERAL_CHARS, readProseFigure } from '../text/numerals';

/** A figure the report states in words, and where in the tables it should be found. */
export interface Statement {
  figure: string;
  value: number;
  quote: string;
  /**
   * A group figure (无法提供2件) stated beside items of its own group (本机关不掌握相关政府信息4件): the
   * rest of the group, so the text's group total is its value plus these.
   */
  besideItems?: { figure: string; value: number }[];
  /** An item stated beside its group's figure, which is the rest of the group (see besideItems). */
  besideGroup?: { figure: string; value: number };
}

/**
 * A figure: digits with thousands separators (1,291; the sentence norm made ，, and digits half
 * width), 1.2万, plain digits, or Chinese numerals (一千二百三十四, 两千, 一万零五).
 */
const N = `(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+(?:\\.\\d+)?[万亿]|\\d+|[${CHINESE_NUMERAL_CHARS}]+)`;
const GAP = '[^，,。；;：:\\d]{0,12}?';
/** Requests are counted in 件 (宗, 起, 个, 份, 项); 条 counts published items, 个工作日 days. */
const UNIT = '\\s*(?:件|宗|起|个(?!工作日|自然日|月|小时|百分点|季度)|份|项)';
/** Words that make a figure a part of a group rather than the group's total (行政复议决定维持2件). */
const PART =
  /维持|纠正|撤销|驳回|审结|其中|网络|网上|信函|当面|现场|电话|邮寄|传真|依申请公开率|超期|自然人|法人|企业|科研机构|公益组织|法律服务机构/;
/** A change (较上年增加263件, 同比减少…), never the year's own figure. */
const CHANGE = /[较比](?:上|去|前|同期|\d{4})|同比|环比|增加|减少|增长|下降|上升|降低|提高|增幅|降幅|减幅|增多|持平|翻番/;
/** Last year's figures (上年收到申请10件); 上年结转 is this year's carried-over figure, and taken out first. */
const LAST_YEAR = /上一?年|去年|前一年/;
const CARRIED_OVER_WORDS = /上一?年度?(?:\(\d{4}年度?\))?(?:结转|转结)/g;
/** Figures about other things than the year's requests and their results. */
const OTHER_THINGS =
  /信访(?!举报投诉)|来信|来访|来电|网站|访问|浏览|点击|政务服务|事项|咨询|留言|热线|12345|建议|提案|诉求|工单|办件|案件|主动公开|发布|转办|督办|网民/;
/** What opens a part: the figures after it, to the end of the clause group (；。) or the bracket, are parts. */
const PART_OPEN = /其中|包括|包含|含|\(/;

/** The groups whose items have rows of their own; an item's figure is `group.item`. */
const GROUPS = ['withheld', 'unable', 'notProcessed', 'otherHandling'];

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
const FIGURE_UNIT = new RegExp(`[\\d${CHINESE_NUMERAL_CHARS}]${UNIT}`);

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
/** Clause breaks: ；。 and commas (NFKC made ，； half width); a comma separating thousands is put back. */
const CLAUSE_BREAK = /[；;。,]/;
const THOUSANDS = /^\d{3}(?!\d)/;
const GROUP_BREAK = /[；;。]/g;

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

/**
 * Whether the figure matched speaks of the year's requests (or, for 行政复议/行政诉讼, of the year's
 * cases) as a whole: not a change, not last year's, not a part by channel or applicant, not
 * something else (信访, 网站访问, 政务服务事项, 发布信息), not 行政复议和行政诉讼 counted together.
 */
function aboutTheYear(figure: string, prefix: string, matched: string): boolean {
  const said = prefix + matched;
  if (PART.test(matched)) return false;
  if (figure === 'newReceived' && /结转/.test(matched)) return false;
  if (CHANGE.test(said)) return false;
  if (LAST_YEAR.test(said.replace(CARRIED_OVER_WORDS, ''))) return false;
  if (figure === 'review') return !/诉讼/.test(matched);
  if (figure === 'litigation') return !/复议(?:和|及|与|、|或|以及)$/.test(prefix);
  return !OTHER_THINGS.test(said);
}

/** The clauses of a sentence with where each starts (every break is one character: the norm is NFKC). */
function clauses(s: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  for (const piece of s.split(CLAUSE_BREAK)) {
    const prev = out.at(-1);
    // 1,291: a comma between a digit and three more is a thousands separator, not a break.
    if (prev && s[start - 1] === ',' && /\d$/.test(prev.text) && THOUSANDS.test(piece)) prev.text += `,${piece}`;
    else out.push({ text: piece, start });
    start += piece.length + 1;
  }
  return out;
}

/** Whether the text between two places opens a part (其中, 包括, a bracket) within one clause group. */
function opensPart(s: string, from: number, to: number): boolean {
  const between = s.slice(from, to);
  return PART_OPEN.test(between.slice(lastBreak(between)));
}

function lastBreak(s: string): number {
  let at = 0;
  for (const m of s.matchAll(GROUP_BREAK)) at = (m.index ?? 0) + 1;
  return at;
}

interface Found extends Statement {
  /** Where the figure's words start and the figure ends, in the sentence's norm. */
  start: number;
  end: number;
}

/**
 * A group figure beside items of its group. Items after it, inside a part it opens (无法提供6件，其中
 * 本机关不掌握4件): the group's total, as written. Items before it, in one enumeration (…本机关不掌握
 * 相关政府信息4件，无正当理由大量反复申请1件，无法提供2件…, seed 001): the rest of the group, so its
 * total is the sum. Items after it with no part word: it is not clear which, so the group is not read.
 */
function relateGroups(found: Found[], norm: string): Found[] {
  const drop = new Set<Found>();
  for (const g of found) {
    if (!GROUPS.includes(g.figure)) continue;
    const items = found.filter((f) => f.figure.startsWith(`${g.figure}.`));
    if (items.length === 0) continue;
    if (items.every((i) => i.start > g.end && opensPart(norm, g.end, i.start))) continue;
    if (items.every((i) => i.end <= g.start)) {
      g.besideItems = items.map((i) => ({ figure: i.figure, value: i.value }));
      for (const i of items) i.besideGroup = { figure: g.figure, value: g.value };
    } else drop.add(g);
  }
  // 「收到申请20件（含上年结转2件）」: the 20 counts the carried-over requests too.
  const carried = found.find((f) => f.figure === 'carriedOver');
  const received = found.find((f) => f.figure === 'newReceived');
  if (carried && received && carried.start > received.end && opensPart(norm, received.end, carried.start)) drop.add(received);
  return found.filter((f) => !drop.has(f));
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
    const found: Found[] = [];
    // A figure is stated once per sentence; a second statement of it is a part or a restatement.
    const seen = new Set<string>();
    const zeros: Found[] = [];
    for (const clause of clauses(s.norm)) {
      // Every pattern ends in a figure and its unit: a clause without one skips them all.
      const patterns = FIGURE_UNIT.test(clause.text) ? PATTERNS : [];
      for (const [figure, re] of patterns) {
        const m = re.exec(clause.text);
        if (!m || seen.has(figure)) continue;
        const prefix = clause.text.slice(0, m.index);
        if (!aboutTheYear(figure, prefix, m[0]) || !wholeYear(clause.text, year, figure)) continue;
        const value = readProseFigure(m[1] as string);
        if (value === null) continue;
        // 「予以公开及部分公开12件」 must not also count as 予以公开 or 部分公开.
        if (figure === 'grantedOrPartial') seen.add('granted').add('partiallyGranted');
        seen.add(figure);
        const start = clause.start + m.index;
        found.push({ figure, value, quote: s.text, start, end: start + m[0].length });
      }
      for (const [figure, re] of ZERO) {
        const m = re.exec(clause.text);
        if (seen.has(figure) || !m || !wholeYear(clause.text, year, figure)) continue;
        if (figure === 'newReceived' && (/复议|诉讼/.test(m[0]) || !aboutTheYear(figure, '', m[0]))) continue;
        seen.add(figure);
        const start = clause.start + m.index;
        zeros.push({ figure, value: 0, quote: s.text, start, end: start + m[0].length });
      }
      if (ALL_UPHELD.test(clause.text) && /复议|诉讼/.test(s.norm)) {
        zeros.push({ figure: 'allUpheld', value: 0, quote: s.text, start: clause.start, end: clause.start });
      }
    }
    // In the order the text states them (a finding's number counts its figure's statements).
    const related = relateGroups(found, s.norm);
    const all = zeros.length ? [...related, ...zeros].sort((a, b) => a.start - b.start) : related;
    for (const { start: _start, end: _end, ...st } of all) out.push(st);
  }
  return out;
}
