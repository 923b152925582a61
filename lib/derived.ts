import type { ReportRecord } from './record/schema';
import { isSafeFigure } from './text/numerals';

type Tables = ReportRecord['tables'];

const v = (tables: Tables, table: 'applications' | 'reviewLitigation', row: string, col = 'total'): number =>
  tables[table]?.[row]?.[col]?.value ?? 0;

const sumGroup = (tables: Tables, group: string): number =>
  Object.entries(tables.applications ?? {})
    .filter(([row]) => row === group || row.startsWith(`${group}.`))
    .reduce((s, [, cols]) => s + (cols.total?.value ?? 0), 0);

/** The derived figures of rules.md, at 总计; a figure appears only when its denominator is > 0 (and both sides are exact). */
export const DERIVED: { key: string; label: string; compute(t: Tables): [number, number] }[] = [
  {
    key: 'disclosureRate',
    label: '公开率',
    compute: (t) => [v(t, 'applications', 'granted') + v(t, 'applications', 'partiallyGranted'), v(t, 'applications', 'totalProcessed')],
  },
  { key: 'withheldRate', label: '不予公开率', compute: (t) => [sumGroup(t, 'withheld'), v(t, 'applications', 'totalProcessed')] },
  { key: 'unableRate', label: '无法提供率', compute: (t) => [sumGroup(t, 'unable'), v(t, 'applications', 'totalProcessed')] },
  {
    key: 'reviewCorrectionRate',
    label: '复议纠错率',
    compute: (t) => [
      v(t, 'reviewLitigation', 'review', 'corrected'),
      v(t, 'reviewLitigation', 'review') - v(t, 'reviewLitigation', 'review', 'pending'),
    ],
  },
  {
    key: 'disputeRate',
    label: '争议转化率',
    compute: (t) => [
      v(t, 'reviewLitigation', 'review') + v(t, 'reviewLitigation', 'litigationDirect') + v(t, 'reviewLitigation', 'litigationAfterReview'),
      v(t, 'applications', 'newReceived'),
    ],
  },
];

export function derive(tables: Tables): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of DERIVED) {
    const [num, den] = d.compute(tables);
    // Sums beyond the safe integers are not exact: no rate is better than a wrong one.
    if (den > 0 && isSafeFigure(num) && isSafeFigure(den)) out[d.key] = Math.round((num / den) * 1e4) / 1e4 + 0;
  }
  return out;
}
