/** The words the views share, through the extension's messages (Chinese first, English available). */
import type { CellRef, Finding, ReportRecord, Severity } from '@/lib';
import { cellLabel, cellRaw, formatNumber, type Group } from '@/utils/findings';
import { t } from '@/utils/i18n';

export { t };

export function severityLabel(s: Severity): string {
  return s === 'error' ? t('common.error') : s === 'warning' ? t('common.warning') : t('common.info');
}

export function groupLabel(g: Group): string {
  switch (g) {
    case 'applications':
      return t('common.group.applications');
    case 'reviewLitigation':
      return t('common.group.reviewLitigation');
    case 'activeDisclosure':
      return t('common.group.activeDisclosure');
    default:
      return t('common.group.page');
  }
}

export function tableShort(table: CellRef['table']): string {
  return table === 'applications'
    ? t('common.tableShort.applications')
    : table === 'reviewLitigation'
      ? t('common.tableShort.reviewLitigation')
      : t('common.tableShort.activeDisclosure');
}

/** 「鼓楼区自然资源和规划局 · 2023 年度 · 格式 2021 版」 */
export function reportLine(record: ReportRecord): string {
  const { agency, year, formatVersion } = record.report;
  return [
    agency ?? t('common.agencyUnknown'),
    year ? t('common.year', [String(year)]) : t('common.yearUnknown'),
    formatVersion === 'unknown' ? t('common.formatUnknown') : t('common.formatVersion', [formatVersion]),
  ].join(' · ');
}

/** The headline of a finding: its formula when it has one (it names the row or column), else its message. */
export function headline(f: Finding): string {
  return f.formula ?? f.message;
}

/** 「总计 4 · 六类申请人之和 7 · 相差 −3」 for a finding that names its sides, 「左边 4 · 右边 7 · 相差 −3」 for an equation, 「本年 x · 应为 y · 相差 d」 otherwise; null when the finding has no numbers. */
export function sidesText(f: Finding): string | null {
  if (f.actual === undefined || f.expected === undefined) return null;
  const diff = formatNumber(f.difference ?? f.actual - f.expected, { sign: true }).replace('-', '−');
  const [a, e] = [formatNumber(f.actual), formatNumber(f.expected)];
  // The finding names its sides in the report's own terms (总计 / 六类申请人之和); older records may not.
  if (f.sides) return t('common.namedSides', [f.sides[0], a, f.sides[1], e, diff]);
  return f.formula ? t('common.leftRight', [a, e, diff]) : t('common.actualExpected', [a, e, diff]);
}

/** The suspect-cell sentence, or null. */
export function suspectText(record: ReportRecord, f: Finding): string | null {
  if (!f.suspect) return null;
  const raw = cellRaw(record, f.suspect);
  const shown = raw ? `「${raw}」` : t('common.blankCell');
  const label = `${tableShort(f.suspect.table)} 「${cellLabel(record, f.suspect)}」`;
  return f.suspectValue === undefined
    ? t('common.suspectNoValue', [label, shown])
    : t('common.suspect', [label, shown, formatNumber(f.suspectValue)]);
}

/** Why a finding is about the text rather than a cell: the sentence it quotes. */
export function quoteText(f: Finding): string | null {
  return f.quote ? `“${f.quote}”` : null;
}
