/** narrative.percent: a percentage the text states equals the one the tables give, to the precision written. */
import { sentencesOf } from '../prose/sectionText';
import type { CellRef, Finding, ReportRecord } from '../record/schema';
import { cellAt } from './equation';
import { APPLICANTS } from './t3equations';
import type { Rule } from './types';

type Tables = ReportRecord['tables'];
/** Cells added up: one side of a share. */
type Sum = CellRef[];
/** A reading of a percentage: numerator over denominator. A stated figure may be read more than one way. */
interface Reading {
  name: string;
  num: Sum;
  den: Sum;
  /** Cells subtracted from the denominator (复议纠错率: 总计 − 尚未审结). */
  less?: Sum;
}

const t3 = (row: string, column = 'total'): CellRef => ({ table: 'applications', row, column });
const t4 = (row: string, column = 'total'): CellRef => ({ table: 'reviewLitigation', row, column });
const ORGS = APPLICANTS.filter((c) => c !== 'naturalPerson');

/** Every row of a 表三 group (（三）不予公开 = its eight rows), at 总计. */
const group = (tables: Tables, g: string): Sum =>
  Object.keys(tables.applications ?? {})
    .filter((r) => r === g || r.startsWith(`${g}.`))
    .map((r) => t3(r));

const PROCESSED = [t3('totalProcessed')];
const RECEIVED = [t3('newReceived')];
const ALL_REQUESTS = [t3('newReceived'), t3('carriedOver')];

/** What a 「…占X%」 speaks of: the figure named before it. More specific names first. */
const PARTS: [RegExp, string, (t: Tables) => Sum][] = [
  [
    /予以公开(?:和|及|与|、|或)部分公开|公开(?:和|及)部分公开|予以公开\(含部分公开\)/,
    '予以公开及部分公开',
    () => [t3('granted'), t3('partiallyGranted')],
  ],
  [/部分公开/, '部分公开', () => [t3('partiallyGranted')]],
  [/不予公开/, '不予公开', (t) => group(t, 'withheld')],
  [/不掌握/, '本机关不掌握相关政府信息', () => [t3('unable.notHeld')]],
  [/无法提供/, '无法提供', (t) => group(t, 'unable')],
  [/不予处理/, '不予处理', (t) => group(t, 'notProcessed')],
  [/其他处理/, '其他处理', (t) => group(t, 'otherHandling')],
  [/(?<![不分])予以公开|同意公开/, '予以公开', () => [t3('granted')]],
  [/法人或其他组织|法人/, '法人或其他组织的申请', () => ORGS.map((c) => t3('newReceived', c))],
  [/自然人/, '自然人的申请', () => [t3('newReceived', 'naturalPerson')]],
  [/商业企业/, '商业企业的申请', () => [t3('newReceived', 'commercial')]],
  [/科研机构/, '科研机构的申请', () => [t3('newReceived', 'research')]],
  [/社会公益组织/, '社会公益组织的申请', () => [t3('newReceived', 'publicInterest')]],
  [/法律服务机构/, '法律服务机构的申请', () => [t3('newReceived', 'legalService')]],
];

/** The denominators a share may be of: what 「占…」 names, else what its part is usually a share of. */
function denominators(words: string, applicant: boolean): Sum[] {
  if (/办结|答复|办理|处理/.test(words)) return [PROCESSED];
  if (/新收|收到|受理|接收|接到/.test(words)) return [RECEIVED, ALL_REQUESTS];
  return applicant ? [RECEIVED, ALL_REQUESTS] : [PROCESSED, RECEIVED, ALL_REQUESTS];
}

const LITIGATION = ['litigationDirect', 'litigationAfterReview'];

/** Named rates (rules.md's derived figures and their common cousins), read in the words just before the figure. */
function rateReadings(words: string, tables: Tables): Reading[] | null {
  const m = /(不予公开率|无法提供率|纠错率|争议转化率|公开率|办结率|维持率)[^,;。\d%]{0,6}$/.exec(words);
  if (!m) return null;
  const rate = m[1] as string;
  const before = words.slice(0, m.index);
  const litigation = /诉讼/.test(before.slice(-8)) && !/复议/.test(before.slice(-8));
  const t4Groups = litigation ? LITIGATION : ['review'];
  switch (rate) {
    case '不予公开率':
      return [{ name: rate, num: group(tables, 'withheld'), den: PROCESSED }];
    case '无法提供率':
      return [{ name: rate, num: group(tables, 'unable'), den: PROCESSED }];
    case '争议转化率':
      return [{ name: rate, num: ['review', ...LITIGATION].map((g) => t4(g)), den: RECEIVED }];
    case '公开率': {
      if (/依申请$|按时$/.test(before)) return null;
      const both = { name: rate, num: [t3('granted'), t3('partiallyGranted')], den: PROCESSED };
      return /予以$/.test(before) ? [both, { name: '予以公开率', num: [t3('granted')], den: PROCESSED }] : [both];
    }
    case '办结率':
      // 办结率 is said of many things (热线 cases, 审批): only of requests is it the table's.
      if (/按时$|按期$|及时$/.test(before) || !/申请/.test(words)) return null;
      return [
        { name: rate, num: PROCESSED, den: ALL_REQUESTS },
        { name: rate, num: PROCESSED, den: RECEIVED },
      ];
    default: {
      const col = rate === '纠错率' ? 'corrected' : 'upheld';
      const name = `${litigation ? '行政诉讼' : '行政复议'}${rate}`;
      const num = t4Groups.map((g) => t4(g, col));
      const den = t4Groups.map((g) => t4(g));
      return [
        { name, num, den, less: t4Groups.map((g) => t4(g, 'pending')) },
        { name, num, den },
      ];
    }
  }
}

/** 「予以公开5件，占27.8%」: the part named in the clause before 占, over what 占 names. */
function shareReadings(words: string, tables: Tables): Reading[] | null {
  const m = /占(?:比)?([^,;。\d%]{0,14}?)(?:的|比例为|比例|比重为|比重|约|为)*$/.exec(words);
  if (!m) return null;
  const clauses = words.slice(0, m.index).split(/[,;:]/);
  // The part is named in the clause holding 占 or, when 占 opens its clause, in the one before.
  const own = clauses.pop() ?? '';
  const named = /\d/.test(own) ? own : (clauses.pop() ?? '');
  for (const [re, name, sum] of PARTS) {
    if (!re.test(named)) continue;
    const applicant = name.endsWith('的申请');
    return denominators(m[1] ?? '', applicant).map((den) => ({ name: `${name}所占比例`, num: sum(tables), den }));
  }
  return null;
}

/** A sentence about something other than disclosure requests and their reviews (热线, 审批, 提案…). */
const OTHER_SUBJECT = /热线|12345|信访|政务服务|便民|咨询|审批|许可|处罚|提案|建议|网站|新媒体|考核|审查率/;

/** Words before a figure that make it a change, not a share (较上年增长12.5%). */
const CHANGE = /增长|下降|增加|减少|提高|上升|降低|同比|环比|增幅|降幅|提升|较上年|比上年/;

const PERCENT = /(\d+(?:\.\d+)?)%/g;

function sumOf(tables: Tables, refs: Sum, zero: CellRef[]): number | null {
  let sum = 0;
  for (const r of refs) {
    const c = cellAt(tables, r);
    if (!c || (c.value === null && c.kind === 'text')) return null;
    if (c.value === null) zero.push(r);
    sum += c.value ?? 0;
  }
  return sum;
}

/** A reading's percentage, with the cells read as 0; null when a cell is missing or the denominator is 0. */
function evaluate(tables: Tables, r: Reading): { value: number; zero: CellRef[] } | null {
  const zero: CellRef[] = [];
  const num = sumOf(tables, r.num, zero);
  const den = sumOf(tables, r.den, zero);
  const less = sumOf(tables, r.less ?? [], zero);
  if (num === null || den === null || less === null || r.num.length === 0 || den - less <= 0) return null;
  return { value: (num / (den - less)) * 100, zero };
}

export const narrativePercent: Rule = {
  id: 'narrative.percent',
  severity: 'warning',
  title: '正文所述百分比与表格算出的一致（按所写精度）',
  run: ({ sectionText, tables, year }) => {
    const out: Finding[] = [];
    const lines = Object.values(sectionText ?? {}).flatMap((l) => l ?? []);
    for (const s of sentencesOf(lines)) {
      // Another year's figures are not this year's tables'.
      if (Array.from(s.norm.matchAll(/(\d{4})年/g)).some((y) => year !== undefined && Number(y[1]) !== year && Number(y[1]) > 1990))
        continue;
      for (const m of s.norm.matchAll(PERCENT)) {
        const words = s.norm.slice(0, m.index);
        const tail = words.split(/[,;]/).pop() ?? '';
        if (CHANGE.test(tail) || OTHER_SUBJECT.test(s.norm)) continue;
        const readings = rateReadings(words, tables) ?? shareReadings(words, tables);
        if (!readings) continue;
        const stated = Number(m[1]);
        const decimals = (m[1]?.split('.')[1] ?? '').length;
        const id = `narrative.percent:${out.length + 1}`;
        const first = readings[0] as Reading;
        const base = { id, rule: 'narrative.percent', severity: 'warning' as const, quote: s.text };
        const cells = [...first.num, ...first.den, ...(first.less ?? [])];
        const values = readings.map((r) => ({ r, v: evaluate(tables, r) }));
        const known = values.filter((x): x is { r: Reading; v: { value: number; zero: CellRef[] } } => x.v !== null);
        if (known.length === 0) {
          out.push({
            ...base,
            status: 'na',
            message: `正文说${first.name}为 ${m[0]}，但表格中没有可对照的数字（缺表或分母为 0）。`,
            cells,
          });
          continue;
        }
        const round = (v: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;
        const hit = known.find((x) => Math.abs(x.v.value - stated) <= 0.5 / 10 ** decimals + 1e-9) ?? (known[0] as (typeof known)[number]);
        const expected = round(hit.v.value);
        const pass = Math.abs(hit.v.value - stated) <= 0.5 / 10 ** decimals + 1e-9;
        const common = {
          ...base,
          sides: ['正文（%）', '表格算出（%）'] as [string, string],
          actual: stated,
          expected,
          difference: Math.round((stated - expected) * 10 ** decimals) / 10 ** decimals,
          cells: [...hit.r.num, ...hit.r.den, ...(hit.r.less ?? [])],
          ...(hit.v.zero.length ? { assumedZero: hit.v.zero } : {}),
        };
        out.push(
          pass
            ? { ...common, status: 'pass', message: `正文所述${hit.r.name} ${m[0]} 与表格算出的 ${expected}% 一致。` }
            : { ...common, status: 'fail', message: `正文说${hit.r.name}为 ${m[0]}，按表格算出为 ${expected}%。` },
        );
      }
    }
    return out;
  },
};
