/**
 * Which standard table a grid row belongs to, from what its labels say: the signal each cell gives
 * (a column header, a row label, a section caption of 表二, 表三 or 表四), and the row's. The bands
 * of a grid (tables/bands.ts) are cut from these.
 */
import { type Grid, rowCells } from '../grid/grid';
import { findDef, T2_COLUMNS, T2_ROWS, T3_COLUMNS, T3_ROWS, T4_COLUMNS } from '../record/labels';
import { labelCore, norm } from '../text/normalize';
import { eitherScriptWords } from '../text/t2s';

export type TableKind = 'activeDisclosure' | 'applications' | 'reviewLitigation';

/** Longer than this, a cell is prose (a layout table's article text), never a label. */
export const MAX_LABEL = 80;

/**
 * Cheap test on a table's raw text before its grid is built: could it be a report table at all?
 * Raw, as normalising every table's text would cost more than the test saves; either script by the
 * generated table, and white space or invisible characters inside a word let through (a header part
 * of 表二 whose only words are 「第二　十条第（一）项」 and 「信息　内容」 was passed over, and the
 * figures after it read without their columns).
 */
export const TABLE_HINT = new RegExp(
  eitherScriptWords(
    ['申请', '复议', '诉讼', '第二十条', '信息内容', '规章', '许可', '处罚', '勾稽', '收费', '采购', '结转'],
    '[\\s\\u200b-\\u200d\\u2060\\u00ad\\ufeff]*',
  ),
);

/** A figure as written (digits, separators, signs, placeholders): says nothing about which table it is in. */
export const FIGURE = /^[\d.,+\-%/—－]*$/;

/** What one cell says: which table, and whether it heads columns (or is a caption) rather than naming a row. */
export interface Signal {
  kind: TableKind;
  /** A column header, a group header or a block caption (第二十条第（一）项). */
  header: boolean;
  /** A section caption written as a full-width row (三、收到和处理政府信息公开申请情况): a table starts here. */
  caption: boolean;
}

/** 「其他」 and 「总计」 are in every table; the rest of 表三's row and column labels are its own. */
const T3_OWN_ROWS = T3_ROWS.filter((d) => d.key !== 'otherHandling.other' && d.key !== 'totalProcessed');
const T3_OWN_COLUMNS = T3_COLUMNS.filter((d) => d.key !== 'otherOrg' && d.key !== 'total');
const T3_HEADER = /勾稽|^申请人情况$|^法人或其他组织$/;
const T3_GROUP = /^本年度办理结果$|^不予公开$|^无法提供$|^不予处理$|^其他处理$/;
const T4_HEADER = /^行政复议$|^行政诉讼$|未经复议|复议后起诉|^结果(?:维持|纠正)$|^尚未审结$|^其他结果$/;
const T2_HEADER = /^第二十条|^信息内容$/;
const CAPTIONS: [RegExp, TableKind][] = [
  [/主动公开政府信息情况/, 'activeDisclosure'],
  [/收到和处理.*申请情况/, 'applications'],
  [/行政复议.*行政诉讼|行政诉讼.*行政复议/, 'reviewLitigation'],
];
/** One test for "could this cell say anything at all", before the tests of each table. */
const ANY = new RegExp(
  [...T3_OWN_ROWS, ...T3_OWN_COLUMNS, ...T2_ROWS, ...T2_COLUMNS, ...T4_COLUMNS]
    .map((d) => d.match.source)
    .concat([T3_HEADER, T3_GROUP, T4_HEADER, T2_HEADER, ...CAPTIONS.map(([re]) => re)].map((re) => re.source))
    .join('|'),
);

/** No signal: a figure or a blank (neutral), or text that names nothing of the template (other). */
export type NoSignal = 'neutral' | 'other';

const memo = new Map<string, Signal | NoSignal>();
const MEMO_LIMIT = 4096;

/** The signal of one cell's text. */
export function cellSignal(text: string): Signal | NoSignal {
  if (text.length > MAX_LABEL * 2) return 'other';
  // A bare figure (most cells) is told from its text as it is: normalising would not change it.
  if (FIGURE.test(text)) return 'neutral';
  let s = memo.get(text);
  if (s === undefined) {
    s = signalOf(text);
    if (memo.size > MEMO_LIMIT) memo.clear();
    memo.set(text, s);
  }
  return s;
}

function signalOf(text: string): Signal | NoSignal {
  const n = norm(text);
  if (n.length === 0 || FIGURE.test(n)) return 'neutral';
  if (n.length > MAX_LABEL) return 'other';
  const core = labelCore(text);
  // Words every table has, captions of continuation and units say nothing of which table a row is in.
  if (core === '' || /^(?:总计|合计|总数|小计|其他)$|^续表|^表[一二三四]$|^单位[:：]/.test(core)) return 'neutral';
  if (!ANY.test(core) && !n.startsWith('第二十条')) return 'other';
  for (const [re, kind] of CAPTIONS) if (re.test(core)) return { kind, header: true, caption: true };
  if (T3_HEADER.test(core) || findDef(T3_OWN_COLUMNS, core)) return { kind: 'applications', header: true, caption: false };
  if (T3_GROUP.test(core) || findDef(T3_OWN_ROWS, core)) return { kind: 'applications', header: false, caption: false };
  if (T4_HEADER.test(core)) return { kind: 'reviewLitigation', header: true, caption: false };
  // 「第二十条」 is what labelCore takes for numbering (第N条): the caption is told by its norm.
  if (T2_HEADER.test(core) || n.startsWith('第二十条') || (findDef(T2_COLUMNS, core) && /数量|件数|金额|增|减/.test(core)))
    return { kind: 'activeDisclosure', header: true, caption: false };
  if (findDef(T2_ROWS, core)) return { kind: 'activeDisclosure', header: false, caption: false };
  return 'other';
}

/** What a grid row says: the table most of its cells name (ties name none), and whether the row holds figures. */
export interface RowSignal {
  kind: TableKind | NoSignal;
  header: boolean;
  caption: boolean;
  figures: boolean;
}

export function rowSignal(grid: Grid, r: number): RowSignal {
  const votes = { activeDisclosure: 0, applications: 0, reviewLitigation: 0 };
  const headers = { activeDisclosure: false, applications: false, reviewLitigation: false };
  let caption: TableKind | null = null;
  let text = false;
  let figures = false;
  for (const cell of rowCells(grid, r)) {
    const s = cellSignal(cell.text);
    if (s === 'neutral') {
      if (/\d/.test(cell.text)) figures = true;
      continue;
    }
    if (s === 'other') {
      text = true;
      continue;
    }
    votes[s.kind]++;
    if (s.header) headers[s.kind] = true;
    if (s.caption) caption = s.kind;
  }
  const kinds = (Object.keys(votes) as TableKind[]).filter((k) => votes[k] > 0).sort((a, b) => votes[b] - votes[a]);
  const [best, second] = kinds;
  if (!best || (second && votes[second] === votes[best]))
    return { kind: text ? 'other' : 'neutral', header: false, caption: false, figures };
  return { kind: best, header: headers[best], caption: caption === best, figures };
}
