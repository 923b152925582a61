import { T3_ROWS } from '../record/labels';
import type { CellRef, Finding, ReportRecord } from '../record/schema';
import { drain, type Steps } from '../steps';
import { refKey } from '../tables/context';
import { labelCore } from '../text/normalize';
import { isSafeFigure } from '../text/numerals';
import { blankLines } from './blankLines';
import { cellAt } from './equation';
import { type Statement, statementSteps } from './narrativeFigures';
import { APPLICANTS, resultRows } from './t3equations';
import type { CheckInput, Rule } from './types';

const t3 = (row: string): CellRef => ({ table: 'applications', row, column: 'total' });
const t4 = (row: string, column = 'total'): CellRef => ({ table: 'reviewLitigation', row, column });

/** Which table cells each stated figure is compared with (their sum), and its name in Chinese. */
function target(figure: string, tableRows: string[]): { name: string; refs: CellRef[] } | null {
  const group = (g: string) => tableRows.filter((r) => r === g || r.startsWith(`${g}.`)).map(t3);
  switch (figure) {
    case 'newReceived':
      return { name: '本年新收申请', refs: [t3('newReceived')] };
    case 'carriedOver':
      return { name: '上年结转申请', refs: [t3('carriedOver')] };
    case 'totalProcessed':
      return { name: '办结（（七）总计）', refs: [t3('totalProcessed')] };
    case 'carriedForward':
      return { name: '结转下年度继续办理', refs: [t3('carriedForward')] };
    case 'granted':
      return { name: '予以公开', refs: [t3('granted')] };
    case 'partiallyGranted':
      return { name: '部分公开', refs: [t3('partiallyGranted')] };
    case 'grantedOrPartial':
      return { name: '予以公开及部分公开', refs: [t3('granted'), t3('partiallyGranted')] };
    case 'withheld':
    case 'unable':
    case 'notProcessed':
    case 'otherHandling':
      return {
        name: { withheld: '不予公开', unable: '无法提供', notProcessed: '不予处理', otherHandling: '其他处理' }[figure],
        refs: group(figure),
      };
    case 'review':
      return { name: '行政复议', refs: [t4('review')] };
    case 'litigation':
      return { name: '行政诉讼', refs: [t4('litigationDirect'), t4('litigationAfterReview')] };
    default: {
      const item = T3_ROWS.find((r) => r.key === figure && figure.includes('.'));
      return item ? { name: labelCore(item.label), refs: [t3(figure)] } : null;
    }
  }
}

/** The cells a blank 总计 cell sums: 表三's six applicant columns, 表四's four results of the group. */
const PARTS: Record<string, string[]> = {
  applications: APPLICANTS,
  reviewLitigation: ['upheld', 'corrected', 'other', 'pending'],
};

/**
 * The table's figure for a cell the narrative is compared with. A blank 总计 cell is read as the sum
 * of its parts (what the table gives, as rules.md's worked case reads it); another cell of a line
 * left blank throughout gives nothing to compare (cell.blankLine reports the line).
 */
function tableFigure(tables: ReportRecord['tables'], ref: CellRef, blank: Set<string>): { value: number; fromParts: boolean } | null {
  const cell = cellAt(tables, ref);
  if (!cell || (cell.value === null && cell.kind === 'text')) return null;
  if (cell.value !== null) return { value: cell.value, fromParts: false };
  const parts = ref.column === 'total' ? PARTS[ref.table] : undefined;
  if (parts) {
    const values = parts.map((c) => cellAt(tables, { ...ref, column: c })?.value ?? null);
    if (values.some((v) => v !== null)) return { value: values.reduce<number>((a, v) => a + (v ?? 0), 0), fromParts: true };
  }
  return blank.has(refKey(ref)) ? null : { value: 0, fromParts: false };
}

/** The sum of the table's figures for a statement, or null when one of them cannot be read. */
function tableSum(tables: ReportRecord['tables'], refs: CellRef[], blank: Set<string>): { value: number; fromParts: CellRef[] } | null {
  if (refs.length === 0) return null;
  let value = 0;
  const fromParts: CellRef[] = [];
  for (const r of refs) {
    const f = tableFigure(tables, r, blank);
    if (!f) return null;
    value += f.value;
    if (f.fromParts) fromParts.push(r);
  }
  return { value, fromParts };
}

/**
 * What the text says, in words and as one figure. A group figure stated beside items of its group
 * is the rest of the group (seed 001: 「本机关不掌握相关政府信息4件…无法提供2件」 says 无法提供 6 in
 * all); an item stated beside such a rest says so.
 */
function whatTheTextSays(st: Statement, name: string, rows: string[]): { words: string; value: number } {
  const nameOf = (figure: string) => target(figure, rows)?.name ?? figure;
  if (st.besideItems?.length) {
    const value = st.besideItems.reduce((a, i) => a + i.value, st.value);
    const items = st.besideItems.map((i) => `${nameOf(i.figure)} ${i.value} 件`).join('、');
    return { words: `${name} ${st.value} 件（在同句所列${items}之外），即${name}共 ${value} 件`, value };
  }
  if (st.besideGroup) {
    return { words: `${name} ${st.value} 件、其余${nameOf(st.besideGroup.figure)} ${st.besideGroup.value} 件`, value: st.value };
  }
  return { words: `${name} ${st.value} 件`, value: st.value };
}

/** The rule's work, one step per few sentences (the patterns are many; see lib/steps.ts). */
function* narrativeSteps({ sentences, year, tables }: CheckInput): Steps<Finding[]> {
  const out: Finding[] = [];
  const counts = new Map<string, number>();
  const rows = resultRows(tables.applications ?? {});
  const blank = new Set(blankLines(tables).flatMap((l) => l.cells.map(refKey)));
  for (const st of yield* statementSteps(sentences, year)) {
    const n = (counts.get(st.figure) ?? 0) + 1;
    counts.set(st.figure, n);
    const rule = `narrative.${st.figure}`;
    const base = { id: `${rule}:${n}`, rule, severity: 'warning' as const, quote: st.quote };
    if (st.figure === 'allUpheld') {
      const refs = ['review', 'litigationDirect', 'litigationAfterReview'].flatMap((g) => [t4(g, 'corrected'), t4(g, 'pending')]);
      const nonzero = refs.filter((r) => (cellAt(tables, r)?.value ?? 0) > 0);
      if (!tables.reviewLitigation) {
        out.push({ ...base, status: 'na', message: '正文说「均获维持」，但没有找到表四。', cells: [] });
      } else if (nonzero.length === 0) {
        out.push({ ...base, status: 'pass', message: '正文说「均获维持」，表四没有纠正或尚未审结的案件。', cells: refs });
      } else {
        out.push({ ...base, status: 'fail', message: '正文说「均获维持」，但表四有结果纠正或尚未审结的案件。', cells: nonzero });
      }
      continue;
    }
    const t = target(st.figure, rows);
    if (!t) continue;
    const said = whatTheTextSays(st, t.name, rows);
    const table = tableSum(tables, t.refs, blank);
    if (table === null) {
      const left = t.refs.some((r) => blank.has(refKey(r))) ? '表格中这一栏未填写' : '表格中没有可对照的数字';
      out.push({ ...base, status: 'na', message: `正文说${said.words}，${left}。`, cells: t.refs });
      continue;
    }
    const difference = said.value - table.value;
    if (!isSafeFigure(table.value) || !isSafeFigure(difference)) {
      out.push({ ...base, status: 'na', message: `正文说${said.words}，表格的数字过大，无法精确核对。`, cells: t.refs });
      continue;
    }
    const how = table.fromParts.length
      ? `（总计栏空白，按${table.fromParts[0]?.table === 'reviewLitigation' ? '四项结果' : '各申请人列'}之和计）`
      : '';
    const common = {
      ...base,
      sides: ['正文', '表格'] as [string, string],
      expected: table.value,
      actual: said.value,
      difference,
      cells: t.refs,
      ...(table.fromParts.length ? { assumedZero: table.fromParts } : {}),
    };
    if (difference === 0) {
      // An item beside the rest of its group agrees on its own; whether the rest does is the group's finding.
      const words = st.besideGroup ? `${t.name} ${st.value} 件` : said.words;
      out.push({ ...common, status: 'pass', message: `正文所述${words}，与表格一致${how}。` });
      continue;
    }
    // An item stated beside the rest of its group: say what the table gives for both, as the text does.
    const g = st.besideGroup && target(st.besideGroup.figure, rows);
    const rest = g ? tableSum(tables, g.refs, blank) : null;
    const tableSays = g && rest ? `${t.name} ${table.value} 件、其余${g.name} ${rest.value - table.value} 件` : ` ${table.value} 件${how}`;
    out.push({ ...common, status: 'fail', message: `正文说${said.words}，表格为${tableSays}，相差 ${difference}。` });
  }
  return out;
}

export const narrative: Rule = {
  id: 'narrative',
  severity: 'warning',
  title: '正文所述全年数字与表格一致',
  run: (input) => drain(narrativeSteps(input)),
  steps: narrativeSteps,
};
