/**
 * A finding in words, in the language asked for, from its rule, id and figures and the record it
 * belongs to (never the record's Chinese `message`): what the panel, the tips, the citations and
 * the popup say. Pure: record + finding + language → text. The page's own words (quotes, labels
 * the page wrote, the agency) travel as `{ page }` pieces, kept as written in either language.
 */
import type { CellRef, Finding, ReportRecord, TableKey } from '@/lib';
import { bodyKind, deadlineOf } from '@/lib/detect/bodyKind';
import { T2_COLUMNS, T2_ROWS, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS } from '@/lib/record/labels';
import { formatNumber } from '@/utils/findings';
import { type UiLang, type Words, words } from './words';

/** Our words, or the page's own (`page`: as written on the page, in its language). */
export type Piece = string | { page: string };
export type Rich = Piece[];

export interface FindingText {
  /** What was checked (an equation's formula), or what was found, in one line. */
  title: Rich;
  /** Both sides and the difference, when the finding compares two figures. */
  sides: string | null;
  /** A pass or a check that could not run: how it came out ("Holds: 4 = 4", why not checked). */
  outcome: Rich | null;
  /** The cell most likely wrong, and the value that would mend every failing equation. */
  suspect: Rich | null;
  /** Blank cells read as 0. */
  note: string | null;
  /** The sentence of the page the finding is about. */
  quote: string | null;
  /** Passages that repeat last year's report (text.similarity). */
  passages: string[];
  /** False when this version has no words for the rule: the record's own message is shown instead. */
  known: boolean;
}

const TABLE_KEYS: readonly string[] = ['activeDisclosure', 'applications', 'reviewLitigation'];
const instanceOf = (f: Finding): string => f.id.slice(f.id.indexOf(':') + 1);
const keyPart = (k: string) => k.replaceAll('.', '_');

/** The plain text of rich text (the page's words as written). */
export function plain(r: Rich): string {
  return r.map((p) => (typeof p === 'string' ? p : p.page)).join('');
}

/** A message whose `$n` are filled with pieces (ours or the page's). */
function rich(w: Words, key: string, subs: readonly (Piece | Rich | number)[] = []): Rich {
  const out: Rich = [];
  for (const [i, part] of w
    .raw(key)
    .split(/\$([1-9$])/)
    .entries()) {
    if (i % 2 === 0) {
      if (part) out.push(part);
    } else if (part === '$') out.push('$');
    else {
      const sub = subs[Number(part) - 1];
      if (Array.isArray(sub)) out.push(...sub);
      else if (sub !== undefined) out.push(typeof sub === 'number' ? String(sub) : sub);
    }
  }
  return merge(out);
}

/** Adjacent strings joined, so the panel renders as few nodes as the text needs. */
function merge(r: Rich): Rich {
  const out: Rich = [];
  for (const p of r) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p !== '') out.push(p);
  }
  return out;
}

/** The page's words in the language's quotes: 「…」 or “…”. */
export function pageQuote(w: Words, s: string): Rich {
  const [open = '', close = ''] = w.raw('common.quoted').split('$1');
  return [open, { page: s }, close];
}

// ——— names ———

export function tableName(w: Words, table: TableKey): string {
  return w.t(`common.tableShort.${table}`);
}

/** A row of a table (表三's 「（一）予以公开」, 表四's group, 表二's row), in the language. */
export function rowName(w: Words, table: TableKey, row: string): string {
  const section = table === 'applications' ? 't3row' : table === 'reviewLitigation' ? 't4group' : 't2row';
  const key = `label.${section}.${keyPart(row)}`;
  const s = w.t(key);
  return s === key ? row : s;
}

export function columnName(w: Words, table: TableKey, column: string): string {
  const section = table === 'applications' ? 't3col' : table === 'reviewLitigation' ? 't4col' : 't2col';
  const key = `label.${section}.${column}`;
  const s = w.t(key);
  return s === key ? column : s;
}

/** A cell's name: 「（一）予以公开 / 总计」, "(1) Disclosed / Total". */
export function cellName(w: Words, record: ReportRecord, ref: CellRef): string {
  const label = record.tables[ref.table]?.[ref.row]?.[ref.column]?.label;
  if (w.lang === 'zh_CN' && label) return label;
  return w.t('label.cell', [rowName(w, ref.table, ref.row), columnName(w, ref.table, ref.column)]);
}

/** 「表三「（一）予以公开 / 总计」」, "Table 3 “(1) Disclosed / Total”". */
export function cellRefName(w: Words, record: ReportRecord, ref: CellRef): string {
  return `${tableName(w, ref.table)} ${w.q(cellName(w, record, ref))}`;
}

const sectionName = (w: Words, n: number) => w.t(`label.section${n}`);

/** The Chinese template labels, to put a label of ours into the language when a message names one. */
let templateLabels: Map<string, string> | null = null;
function templateLabel(w: Words, zh: string): string | null {
  if (!templateLabels) {
    templateLabels = new Map();
    const add = (defs: { key: string; label: string }[], section: string) => {
      for (const d of defs) if (!templateLabels?.has(d.label)) templateLabels?.set(d.label, `label.${section}.${keyPart(d.key)}`);
    };
    add(T3_ROWS, 't3row');
    add(T3_COLUMNS, 't3col');
    add(T4_GROUPS, 't4group');
    add(T4_COLUMNS, 't4col');
    add(T2_ROWS, 't2row');
    add(T2_COLUMNS, 't2col');
  }
  if (w.lang === 'zh_CN') return templateLabels.has(zh) ? zh : null;
  const whole = templateLabels.get(zh);
  if (whole) return w.t(whole);
  // Composite labels 「规章 · 本年制发件数」, 「行政诉讼 · 未经复议直接起诉 · 结果维持」.
  const parts = zh.split(' · ');
  for (let cut = parts.length - 1; cut > 0; cut--) {
    const head = templateLabel(w, parts.slice(0, cut).join(' · '));
    const tail = templateLabel(w, parts.slice(cut).join(' · '));
    if (head && tail) return w.t('label.cell', [head, tail]);
  }
  return null;
}

/** A label a message names: ours in the language when it is the template's, else the page's as written. */
function labelPiece(w: Words, label: string): Rich {
  const ours = templateLabel(w, label);
  return ours ? [w.q(ours)] : pageQuote(w, label);
}

// ——— figures ———

const num = (n: number | undefined) => (n === undefined ? '' : formatNumber(n));
const signed = (n: number) => formatNumber(n, { sign: true }).replace('-', '−');

/** The rule's two sides, in words (the finding's `sides` are in Chinese). */
const SIDES: Record<string, string> = {
  't3.rowTotal': 'rowTotal',
  't3.resultsSum': 'resultsSum',
  't3.balance': 'balance',
  't4.total': 't4Total',
  'crossYear.carryOver': 'carryOver',
  'crossYear.inForce': 'inForce',
  'text.similarity': 'similar',
  'content.fees': 'fees',
  'narrative.percent': 'percent',
};

function sidesOf(w: Words, f: Finding): string | null {
  if (f.actual === undefined || f.expected === undefined) return null;
  const diff = signed(f.difference ?? f.actual - f.expected);
  const base = f.rule.startsWith('narrative.') && f.rule !== 'narrative.percent' ? 'narrative' : SIDES[f.rule];
  if (!base) return w.t('common.actualExpected', [num(f.actual), num(f.expected), diff]);
  const pct = base === 'similar' || base === 'percent' ? '%' : '';
  return w.t('common.namedSides', [
    w.t(`finding.${base}.left`),
    num(f.actual) + pct,
    w.t(`finding.${base}.right`),
    num(f.expected) + pct,
    diff + pct,
  ]);
}

function blanksNote(w: Words, f: Finding): string | null {
  const n = f.assumedZero?.length ?? 0;
  return n > 0 && f.rule !== 'cell.blank' ? w.n('finding.blanks', n) : null;
}

function suspectOf(w: Words, record: ReportRecord, f: Finding): Rich | null {
  if (!f.suspect) return null;
  const raw = record.tables[f.suspect.table]?.[f.suspect.row]?.[f.suspect.column]?.raw;
  const shown: Rich | string = raw ? pageQuote(w, raw) : w.t('common.blankCell');
  const name = cellRefName(w, record, f.suspect);
  return f.suspectValue === undefined
    ? rich(w, 'finding.suspectNoValue', [name, shown])
    : rich(w, 'finding.suspect', [name, shown, formatNumber(f.suspectValue)]);
}

/** Cells a check needed that are missing or hold words: why an equation could not be checked. */
function unreadable(w: Words, record: ReportRecord, f: Finding): string[] {
  return f.cells
    .filter((r) => {
      const c = record.tables[r.table]?.[r.row]?.[r.column];
      return !c || (c.value === null && c.kind === 'text');
    })
    .map((r) => w.q(cellName(w, record, r)));
}

/** The year of last year's report a message names (「2022 年报告」), else the year before this one's. */
function previousYear(w: Words, record: ReportRecord, f: Finding): string {
  const m = /(\d{4}) ?年(?:度)?报告/.exec(f.message);
  if (m) return m[1] as string;
  return record.report.year ? String(record.report.year - 1) : w.t('finding.previousYear');
}

// ——— the rules ———

interface Said {
  title: Rich;
  outcome?: Rich | null;
}

type Render = (w: Words, record: ReportRecord, f: Finding) => Said | null;

const EQUATION_TITLES: Record<string, [string, (w: Words, inst: string) => string]> = {
  't3.rowTotal': ['rowTotal', (w, i) => w.q(rowName(w, 'applications', i))],
  't3.resultsSum': ['resultsSum', (w, i) => w.q(columnName(w, 'applications', i))],
  't3.balance': ['balance', (w, i) => w.q(columnName(w, 'applications', i))],
  't4.total': ['t4Total', (w, i) => w.q(rowName(w, 'reviewLitigation', i))],
};

const equation: Render = (w, record, f) => {
  const inst = instanceOf(f);
  if (f.status === 'na' && f.cells.length === 0 && TABLE_KEYS.includes(inst)) {
    return { title: [w.t('finding.tableMissing', [tableName(w, inst as TableKey)])] };
  }
  const [key, name] = EQUATION_TITLES[f.rule] as [string, (w: Words, inst: string) => string];
  const title = [w.t(`finding.${key}.title`, [name(w, inst)])];
  if (f.status === 'pass') return { title, outcome: [w.t('finding.holds', [num(f.actual), num(f.expected)])] };
  if (f.status === 'na') {
    // A line left blank throughout is the one cause, reported by cell.blankLine (its ids in the message).
    const lines = Array.from(f.message.matchAll(/cell\.blankLine:[\w.]+/g), (m) => blankLineName(w, m[0]));
    if (lines.length && lines.every((l) => l !== null)) {
      return { title, outcome: [w.t('finding.leftBlank', [w.list(lines as string[])])] };
    }
    const cells = unreadable(w, record, f);
    if (cells.length) return { title, outcome: [w.t('finding.unreadable', [w.list(cells)])] };
    return /数字过大/.test(f.message) ? { title, outcome: [w.t('finding.tooLarge')] } : null;
  }
  return { title };
};

/** A line cell.blankLine names by its id (`cell.blankLine:applications.column.total`): 表三「总计」列. */
function blankLine(w: Words, id: string): { table: TableKey; line: string } | null {
  const m = /^cell\.blankLine:(applications|reviewLitigation|activeDisclosure)\.(row|column|group)\.(.+)$/.exec(id);
  if (!m) return null;
  const table = m[1] as TableKey;
  const kind = m[2] as string;
  const key = m[3] as string;
  const name = kind === 'column' ? columnName(w, table, key) : rowName(w, table, key);
  return { table, line: w.t(`finding.blankLine.${kind}`, [w.q(name)]) };
}

function blankLineName(w: Words, id: string): string | null {
  const b = blankLine(w, id);
  return b ? `${tableName(w, b.table)} ${b.line}` : null;
}

const cellBlankLine: Render = (w, _record, f) => {
  const table = tableOf(f);
  if (table) return f.status === 'pass' ? { title: [w.t('finding.blankLine.pass', [tableName(w, table)])] } : null;
  const b = blankLine(w, f.id);
  const equations = Number(/(\d+) 个等式/.exec(f.message)?.[1] ?? Number.NaN);
  if (!b || Number.isNaN(equations)) return null;
  const args = [tableName(w, b.table), b.line, w.n('common.count.cell', f.cells.length), w.n('finding.blankLine.equations', equations)];
  return { title: [w.t('finding.blankLine.fail', args)] };
};

/** A finding about one table as a whole (`<rule>:<table>`). */
const tableOf = (f: Finding): TableKey | null => {
  const inst = instanceOf(f);
  return TABLE_KEYS.includes(inst) ? (inst as TableKey) : null;
};

const cellDomain: Render = (w, record, f) => {
  const table = tableOf(f);
  if (!table) return null;
  if (f.status === 'pass') return { title: [w.t('finding.domain.pass', [tableName(w, table)])] };
  const count = w.n('common.count.cell', f.cells.length);
  const parts: Rich[] = f.cells.map((ref) => {
    const c = record.tables[ref.table]?.[ref.row]?.[ref.column];
    const why = c?.value == null ? 'other' : c.value < 0 ? 'negative' : Number.isInteger(c.value) ? 'other' : 'fraction';
    return rich(w, `finding.domain.${why}`, [w.q(cellName(w, record, ref)), pageQuote(w, c?.raw ?? '')]);
  });
  const title: Rich = [w.t('finding.domain.fail', [tableName(w, table), count]), ': '];
  parts.forEach((p, i) => {
    if (i > 0) title.push('; ');
    title.push(...p);
  });
  return { title: merge([...title, w.t('common.sentenceEnd')]) };
};

const cellBlank: Render = (w, _record, f) => {
  const table = tableOf(f);
  if (!table) return null;
  return f.status === 'pass'
    ? { title: [w.t('finding.blank.pass', [tableName(w, table)])] }
    : { title: [w.t('finding.blank.fail', [tableName(w, table), w.n('common.count.cell', f.cells.length)])] };
};

const cellText: Render = (w, record, f) => {
  if (f.status === 'pass') {
    const table = tableOf(f);
    return table ? { title: [w.t('finding.text.pass', [tableName(w, table)])] } : null;
  }
  const ref = f.cells[0];
  const cell = ref && record.tables[ref.table]?.[ref.row]?.[ref.column];
  if (!ref || !cell) return null;
  const args: (Piece | Rich | number)[] = [tableName(w, ref.table), w.q(cellName(w, record, ref)), pageQuote(w, cell.raw)];
  return f.actual === undefined
    ? { title: rich(w, 'finding.text.unread', args) }
    : { title: rich(w, 'finding.text.read', [...args, num(f.actual)]) };
};

const formatVersion: Render = (w, record, f) => {
  const { year, formatVersion: version } = record.report;
  if (f.status === 'na') return { title: [w.t(year === undefined ? 'finding.version.noYear' : 'finding.version.noLabels')] };
  if (year === undefined || version === 'unknown') return null;
  const name = (v: string) => w.t(`finding.version.name${v}`);
  if (f.status === 'pass') return { title: [w.t('finding.version.pass', [year, name(version)])] };
  return { title: [w.t('finding.version.fail', [year, name(year <= 2020 ? '2019' : '2021'), name(version)])] };
};

const LABEL_ISSUE = /^(缺少|多出|标签改写|重复|按位置推定)(行|列)「(.+?)」(?:（页面写作「(.*)」）)?$|^一个数值单元格跨越多列：「(.+)」$/;
const LABEL_KIND: Record<string, string> = {
  缺少: 'missing',
  多出: 'extra',
  标签改写: 'relabelled',
  重复: 'duplicate',
  按位置推定: 'positional',
};

const formatLabels: Render = (w, _record, f) => {
  const table = tableOf(f);
  if (!table) return null;
  if (f.status === 'pass') return { title: [w.t('finding.labels.pass', [tableName(w, table)])] };
  // The issues are listed in the message only: each is put back into words, its labels kept.
  const list = /：(.*)。$/.exec(f.message)?.[1];
  if (!list) return null;
  const parts: Rich[] = [];
  for (const item of list.split('；')) {
    const m = LABEL_ISSUE.exec(item);
    if (!m) return null;
    if (m[5] !== undefined) {
      parts.push(rich(w, 'finding.labels.merged', [labelPiece(w, m[5])]));
      continue;
    }
    const kind = LABEL_KIND[m[1] as string] as string;
    const what = m[2] === '行' ? 'Row' : 'Column';
    const label = kind === 'extra' ? pageQuote(w, m[3] as string) : labelPiece(w, m[3] as string);
    const found = m[4] === undefined ? [] : [pageQuote(w, m[4])];
    parts.push(rich(w, `finding.labels.${kind}${what}`, [label, ...found]));
  }
  const title: Rich = [w.t('finding.labels.fail', [tableName(w, table)]), w.lang === 'en' ? ': ' : '：'];
  parts.forEach((p, i) => {
    if (i > 0) title.push(w.lang === 'en' ? '; ' : '；');
    title.push(...p);
  });
  return { title: merge([...title, w.t('common.sentenceEnd')]) };
};

const NUMERALS = '一二三四五六';

const formatSections: Render = (w, record, f) => {
  if (f.status === 'pass') return { title: [w.t('finding.sections.pass')] };
  const found = (record.report.sections ?? []).map((s) => s.index);
  const missing = [1, 2, 3, 4, 5, 6].filter((n) => !found.includes(n));
  const ordered = found.every((n, i) => i === 0 || n > (found[i - 1] as number));
  const parts: string[] = [];
  if (missing.length) parts.push(w.t('finding.sections.missing', [w.list(missing.map((n) => sectionName(w, n)))]));
  if (!ordered) {
    const order = found.map((n) => (w.lang === 'en' ? String(n) : (NUMERALS[n - 1] as string)));
    parts.push(w.t('finding.sections.order', [w.list(order)]));
  }
  const sep = w.lang === 'en' ? ': ' : '：';
  return { title: [`${w.t('finding.sections.fail')}${sep}${parts.join(w.lang === 'en' ? '; ' : '；')}${w.t('common.sentenceEnd')}`] };
};

const tablesAsImages: Render = (w, _record, f) => {
  if (f.status === 'pass') return { title: [w.t('finding.images.pass')] };
  if (f.status === 'na') return { title: [w.t('finding.images.na')] };
  const m = /（(\d+) 张）.*（(\d+) 个）/.exec(f.message);
  return m ? { title: [w.t('finding.images.fail', [m[1] as string, m[2] as string])] } : null;
};

const YEAR_PART: Record<string, string> = { 标题: 'title', 统计期限: 'period', 正文: 'narrative' };

const yearConsistency: Render = (w, _record, f) => {
  if (f.status === 'na') return { title: [w.t('finding.year.na')] };
  const named = Array.from(f.message.matchAll(/(标题|统计期限|正文) (\d{4}) 年/g), (m) =>
    w.t(`finding.year.${YEAR_PART[m[1] as string]}`, [m[2] as string]),
  );
  if (named.length === 0) return null;
  return { title: [w.t(f.status === 'pass' ? 'finding.year.pass' : 'finding.year.fail', [w.list(named)])] };
};

const narrative: Render = (w, _record, f) => {
  const figure = f.rule.slice('narrative.'.length);
  if (figure === 'allUpheld') {
    return {
      title: [
        w.t(
          f.status === 'pass'
            ? 'finding.narrative.upheldPass'
            : f.status === 'na'
              ? 'finding.narrative.upheldNa'
              : 'finding.narrative.upheldFail',
        ),
      ],
    };
  }
  const key = `finding.figure.${figure}`;
  let name = w.t(key);
  if (name === key) {
    // An item row named by its own words (不掌握…N件): the row's name.
    if (!T3_ROWS.some((r) => r.key === figure)) return null;
    name = w.q(rowName(w, 'applications', figure));
  }
  const stated = f.actual ?? Number(/(\d+) 件/.exec(f.message)?.[1] ?? Number.NaN);
  if (Number.isNaN(stated)) return null;
  if (f.status === 'na') return { title: [w.t('finding.narrative.na', [name, num(stated)])] };
  const how = f.assumedZero?.length ? ` (${w.t('finding.narrative.fromParts')})` : '';
  if (f.status === 'pass') return { title: [w.t('finding.narrative.pass', [name, num(stated)]) + how] };
  return { title: [w.t('finding.narrative.fail', [name, num(stated), num(f.expected)]) + how] };
};

const carryOver: Render = (w, record, f) => {
  const column = w.q(columnName(w, 'applications', instanceOf(f)));
  if (f.status === 'na') return { title: [w.t('finding.carryOver.na', [column])] };
  const year = previousYear(w, record, f);
  return f.status === 'pass'
    ? { title: [w.t('finding.carryOver.pass', [column, num(f.actual), year])] }
    : { title: [w.t('finding.carryOver.fail', [column, num(f.actual), year, num(f.expected)])] };
};

const inForce: Render = (w, record, f) => {
  const row = instanceOf(f);
  const name = w.q(rowName(w, 'activeDisclosure', row));
  if (f.status === 'na') return { title: [w.t('finding.inForce.na', [name])] };
  const cells = record.tables.activeDisclosure?.[row];
  const issued = cells?.issued?.value ?? 0;
  const repealed = cells?.repealed?.value ?? 0;
  if (f.actual === undefined || f.expected === undefined) return null;
  const before = f.expected - issued + repealed;
  return f.status === 'pass'
    ? { title: [w.t('finding.inForce.pass', [name, num(f.actual), num(before), num(issued), num(repealed)])] }
    : { title: [w.t('finding.inForce.fail', [name, num(f.actual), num(before), num(issued), num(repealed), num(f.expected)])] };
};

const publishDeadline: Render = (w, record, f) => {
  const at = record.source.publishedAt?.slice(0, 10);
  if (!at) return f.status === 'na' ? { title: [w.t('finding.deadline.noDate')] } : null;
  const { year, agency } = record.report;
  const kind = bodyKind(agency);
  if (f.status === 'na') {
    if (/早于/.test(f.message) && year !== undefined) return { title: [w.t('finding.deadline.early', [at, year])] };
    return { title: [w.t('finding.deadline.noKind', [at])] };
  }
  if (!kind || year === undefined) return null;
  const args = [at, w.t(`finding.deadline.${kind}`), deadlineOf(kind, year)];
  return f.status === 'pass'
    ? { title: [w.t('finding.deadline.pass', args)] }
    : { title: [w.t('finding.deadline.fail', [...args, num(f.difference)])] };
};

const textSimilarity: Render = (w, record, f) => {
  const inst = instanceOf(f);
  if (inst === 'report') return { title: [w.t(/旧版本/.test(f.message) ? 'finding.similar.noText' : 'finding.similar.noPrevious')] };
  const n = Number(/^section(\d)$/.exec(inst)?.[1]);
  if (!n) return null;
  const section = sectionName(w, n);
  const year = previousYear(w, record, f);
  if (f.status === 'na') {
    if (/^本年报告没有/.test(f.message)) return { title: [w.t('finding.similar.missingNow', [section])] };
    if (/报告没有/.test(f.message)) return { title: [w.t('finding.similar.missingThen', [section, year])] };
    return { title: [w.t('finding.similar.short', [section])] };
  }
  if (f.status === 'fail' && f.severity === 'error') return { title: [w.t('finding.similar.same', [section, year])] };
  const args = [section, num(f.actual), year, num(f.expected)];
  return { title: [w.t(f.status === 'pass' ? 'finding.similar.pass' : 'finding.similar.fail', args)] };
};

const contentProblems: Render = (w, record, f) => {
  const section = sectionName(w, 5);
  const m = f.message;
  const key =
    f.status === 'pass'
      ? 'pass'
      : f.status === 'na'
        ? 'missing'
        : /为空或只写/.test(m)
          ? 'empty'
          : /相同/.test(m)
            ? 'copied'
            : /没有写改进措施/.test(m)
              ? 'noMeasure'
              : 'vague';
  return { title: [w.t(`finding.problems.${key}`, [section, previousYear(w, record, f)])] };
};

const contentFees: Render = (w, _record, f) => {
  const section = sectionName(w, 6);
  const m = f.message;
  const key =
    f.status === 'pass'
      ? 'pass'
      : f.status === 'na'
        ? 'none'
        : /既说/.test(m)
          ? 'both'
          : /收费通知：?|发出过收费通知/.test(m) && f.expected !== undefined
            ? 'notices'
            : 'bare';
  return { title: [w.t(`finding.fees.${key}`, [section, num(f.expected)])] };
};

/** The rates narrative.percent names (its Chinese names → ours). */
const RATES: Record<string, string> = {
  公开率: 'disclosure',
  予以公开率: 'grantedOnly',
  不予公开率: 'withheld',
  无法提供率: 'unable',
  争议转化率: 'dispute',
  办结率: 'concluded',
  行政复议纠错率: 'reviewCorrected',
  行政诉讼纠错率: 'litigationCorrected',
  行政复议维持率: 'reviewUpheld',
  行政诉讼维持率: 'litigationUpheld',
};
const PARTS: Record<string, string> = {
  予以公开及部分公开: 'grantedOrPartial',
  部分公开: 'partiallyGranted',
  不予公开: 'withheld',
  本机关不掌握相关政府信息: 'notHeld',
  无法提供: 'unable',
  不予处理: 'notProcessed',
  其他处理: 'otherHandling',
  予以公开: 'granted',
  法人或其他组织的申请: 'orgs',
  自然人的申请: 'naturalPerson',
  商业企业的申请: 'commercial',
  科研机构的申请: 'research',
  社会公益组织的申请: 'publicInterest',
  法律服务机构的申请: 'legalService',
};

function rateName(w: Words, zh: string): string {
  const rate = RATES[zh];
  if (rate) return w.t(`finding.rate.${rate}`);
  const part = /^(.+)所占比例$/.exec(zh)?.[1];
  const key = part ? PARTS[part] : undefined;
  return key ? w.t('finding.percent.share', [w.t(`finding.part.${key}`)]) : w.t('finding.percent.stated');
}

const narrativePercent: Render = (w, _record, f) => {
  const m = /^正文(?:所述|说)(.+?)(?:为 | )(\d+(?:\.\d+)?%)/.exec(f.message);
  if (!m) return null;
  const name = rateName(w, m[1] as string);
  const stated = m[2] as string;
  if (f.status === 'na') return { title: [w.t('finding.percent.na', [name, stated])] };
  return { title: [w.t(f.status === 'pass' ? 'finding.percent.pass' : 'finding.percent.fail', [name, stated, num(f.expected)])] };
};

/** The text after the first 「：」 of a message (an error's own words). */
const afterColon = (m: string) => m.slice(m.indexOf('：') + 1);

const PIPELINE: Record<string, Render> = {
  'report.detected': (w) => ({ title: [w.t('finding.notReport')] }),
  'report.template': (w) => ({ title: [w.t('finding.template')] }),
  'report.attachment': (w, record) => {
    const names = (record.source.attachments ?? []).map((a) => `「${a.name}」`).join(w.lang === 'en' ? ', ' : '、');
    if (!names) return null;
    // The file names are the page's words, shown as written, inside the sentence of ours.
    const [before = '', after = ''] = w.t('finding.inAttachment', ['\u0000']).split('\u0000');
    return { title: [before, { page: names }, after] };
  },
  'report.pre2019': (w, record, f) => {
    const year = record.report.year ?? /(\d{4})/.exec(f.message)?.[1];
    return year === undefined ? null : { title: [w.t('finding.pre2019', [year])] };
  },
  'parser.error': (w, _r, f) => ({ title: [w.t('finding.parserError', [afterColon(f.message)])] }),
  'extension.error': (w, _r, f) => ({ title: [w.t('finding.extensionError', [afterColon(f.message)])] }),
  // A page that could not be fetched (lib/crawl/failure.ts): its Chinese message is the record's own;
  // another language says it from the reason and the figures the finding carries.
  'source.fetch': (w, _r, f) => {
    if (w.lang === 'zh_CN') return { title: [f.message] };
    const reason = f.id.slice('source.fetch:'.length);
    if (!FETCH_REASONS.has(reason)) return null;
    return { title: [w.t(`finding.fetch.${reason}`, [String(f.actual ?? '?'), String(f.expected ?? '?'), f.quote ?? ''])] };
  },
};

/** The reasons of lib/crawl's FetchFailure that have words (finding.fetch.*). */
const FETCH_REASONS = new Set(['status', 'forbidden', 'challenge', 'captcha', 'rateLimited', 'timeout', 'network', 'tooLarge', 'stopped']);

/** Every rule's words, by rule id (narrative.* share one). */
export const RENDERERS: Record<string, Render> = {
  't3.rowTotal': equation,
  't3.resultsSum': equation,
  't3.balance': equation,
  't4.total': equation,
  'cell.domain': cellDomain,
  'cell.blank': cellBlank,
  'cell.blankLine': cellBlankLine,
  'cell.text': cellText,
  'format.version': formatVersion,
  'format.labels': formatLabels,
  'format.sections': formatSections,
  'format.tablesAsImages': tablesAsImages,
  'year.consistency': yearConsistency,
  narrative,
  'crossYear.carryOver': carryOver,
  'crossYear.inForce': inForce,
  'publish.deadline': publishDeadline,
  'text.similarity': textSimilarity,
  'content.problems': contentProblems,
  'content.fees': contentFees,
  'narrative.percent': narrativePercent,
  ...PIPELINE,
};

function rendererOf(f: Finding): Render | undefined {
  if (f.id === `${f.rule}:error`) {
    return (w, _r, x) => ({ title: [w.t('finding.ruleError', [x.rule, afterColon(x.message)])] });
  }
  return RENDERERS[f.rule] ?? (f.rule.startsWith('narrative.') && f.rule !== 'narrative.percent' ? narrative : undefined);
}

/** A finding in words, in `lang`. */
export function findingText(record: ReportRecord, f: Finding, lang: UiLang): FindingText {
  const w = words(lang);
  let said: Said | null = null;
  try {
    said = rendererOf(f)?.(w, record, f) ?? null;
  } catch {
    said = null;
  }
  const known = said !== null;
  // A rule this version has no words for (a record from a later version): its own message, marked as such.
  const title: Rich = said?.title ?? (lang === 'zh_CN' ? [f.message] : [w.t('finding.untranslated', [f.rule]), ' ', { page: f.message }]);
  return {
    title,
    sides: f.status === 'fail' ? sidesOf(w, f) : null,
    outcome: said?.outcome ?? null,
    suspect: suspectOf(w, record, f),
    note: blanksNote(w, f),
    quote: f.quote ?? null,
    passages: f.passages ?? [],
    known,
  };
}

/** The finding as one sentence (what it says, both sides, the likely wrong cell): a citation's core. */
export function findingSentence(record: ReportRecord, f: Finding, lang: UiLang): Rich {
  const w = words(lang);
  const x = findingText(record, f, lang);
  const end = w.t('common.sentenceEnd');
  const close = (r: Rich): Rich => {
    const s = plain(r).trim();
    return /[.。!！?？:：]$/.test(s) ? r : [...r, end];
  };
  const out: Rich = [...close(x.title)];
  for (const part of [x.sides ? [x.sides] : null, x.outcome, x.suspect, x.note ? [x.note] : null]) {
    if (part?.length) out.push(' ', ...close(part));
  }
  return merge(out);
}
