/** The words the views share, through the extension's messages (Chinese first, English available). */
import type { CellRef, ReportRecord, Severity } from '@/lib';
import type { Group } from '@/utils/findings';
import { t } from '@/utils/i18n';
import { plain, type Rich } from './findingText';

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

/** 「鼓楼区自然资源和规划局 · 2023 年度 · 格式 2021 版」, the agency as the page names it. */
export function reportLineParts(record: ReportRecord): Rich {
  const { agency, year, formatVersion } = record.report;
  return [
    agency ? { page: agency } : t('common.agencyUnknown'),
    ` · ${year ? t('common.year', [String(year)]) : t('common.yearUnknown')} · `,
    formatVersion === 'unknown' ? t('common.formatUnknown') : t('common.formatVersion', [formatVersion]),
  ];
}

export function reportLine(record: ReportRecord): string {
  return plain(reportLineParts(record));
}
