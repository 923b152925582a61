/** content.fees: what section 六 says about 信息处理费 agrees with 表三 （六）2 and the fee figures it gives. */
import { bodyLines, sentencesOf, type TextLine } from '../prose/sectionText';
import type { CellRef, Finding } from '../record/schema';
import { cellAt } from './equation';
import { sectionName } from './textSimilarity';
import type { Rule } from './types';

/** A clause about fees (a law's title in 《》 is taken out first: 《政府信息公开信息处理费管理办法》). */
const FEE = /信息处理费|收费|收取[^,;。]{0,8}费|费用|缴费|缴纳/;
const NONE = /未|没有|无|不存在|不涉及|免收|免予|免于|零/;
/** 「申请人逾期未缴纳…」: the applicant did not pay a fee notice; not a statement that no fee was asked. */
const OVERDUE = /逾期[^,;。]{0,8}?(?:未|不)/;
/** 「发出收费通知」: notices sent, whether or not paid. */
const NOTICE = /通知|发出|逾期/;
const FIGURE = /(\d+(?:\.\d+)?)\s*(?:万元|元|件|次|笔|份)/g;

interface Said {
  /** A clause saying no fee was charged (or giving 0). */
  none?: TextLine;
  /** A clause saying a fee was charged, with no figure above 0. */
  chargedBare?: TextLine;
  /** A clause with a figure above 0 for money collected. */
  collected?: TextLine;
  /** A clause with fee notices above 0 (sent, or not paid by the applicant). */
  notices?: TextLine;
}

/** What section 六 says about fees, clause by clause; undefined when it says nothing. */
export function feeStatements(lines: readonly TextLine[]): Said | undefined {
  const said: Said = {};
  let any = false;
  for (const s of sentencesOf(bodyLines(lines))) {
    for (const clause of s.norm.replace(/《[^》]*》/g, '').split(/[,，;。]/)) {
      if (!FEE.test(clause)) continue;
      any = true;
      const figures = Array.from(clause.matchAll(FIGURE), (m) => Number(m[1]));
      const positive = figures.some((f) => f > 0);
      if (OVERDUE.test(clause) || (NOTICE.test(clause) && positive)) {
        if (positive) said.notices ??= s;
      } else if (NONE.test(clause) || (figures.length > 0 && !positive)) said.none ??= s;
      else if (positive) said.collected ??= s;
      else said.chargedBare ??= s;
    }
  }
  return any ? said : undefined;
}

const OVERDUE_FEE: CellRef = { table: 'applications', row: 'otherHandling.overdueFee', column: 'total' };

export const contentFees: Rule = {
  id: 'content.fees',
  severity: 'warning',
  title: '第六部分关于信息处理费的说法与表三一致',
  run: ({ sectionText, tables }) => {
    const base = { id: 'content.fees:section6', rule: 'content.fees', severity: 'warning' as const, cells: [] as CellRef[] };
    const name = sectionName(6);
    const said = feeStatements(sectionText?.[6] ?? []);
    if (!said) return [{ ...base, status: 'na', message: `${name}没有提到信息处理费。` }];
    const cell = cellAt(tables, OVERDUE_FEE);
    const overdue = cell?.value ?? 0;
    const cells = cell ? [OVERDUE_FEE] : [];
    const label = '表三「（六）其他处理 / 2.申请人逾期未按收费通知要求缴纳费用」';
    let finding: Finding;
    if (said.none && said.collected) {
      finding = {
        ...base,
        status: 'fail',
        message: `${name}既说未收取信息处理费，又写出收费金额。`,
        quote: `${said.none.text} ${said.collected.text}`,
      };
    } else if (said.none && !said.notices && overdue > 0) {
      finding = {
        ...base,
        cells,
        sides: ['正文所说收费通知（件）', '表三（六）2（件）'],
        actual: 0,
        expected: overdue,
        difference: -overdue,
        status: 'fail',
        message: `${name}说未收取信息处理费，但${label}为 ${overdue} 件：本年发出过收费通知。`,
        quote: said.none.text,
      };
    } else if (said.chargedBare && !said.collected && !said.notices && overdue === 0) {
      finding = {
        ...base,
        cells,
        status: 'fail',
        message: `${name}说收取了信息处理费，但没有写出收费通知件数或金额${cell ? `，${label}也为 0` : ''}。`,
        quote: said.chargedBare.text,
      };
    } else {
      const quote = (said.none ?? said.collected ?? said.notices ?? said.chargedBare) as TextLine;
      finding = { ...base, cells, status: 'pass', message: `${name}关于信息处理费的说法与表格一致。`, quote: quote.text };
    }
    return [finding];
  },
};
