import { labelOf, T2_COLUMNS, T2_ROWS, T2_TEMPLATE, T3_COLUMNS, T3_ROW_KEYS, T3_ROWS, T4_COLUMNS, T4_GROUPS } from '../record/labels';
import type { Finding, TableKey } from '../record/schema';
import type { LabelIssue } from '../tables/context';
import { presentTables, TABLE_NAMES } from './tableCells';
import type { CheckInput, Rule } from './types';

function missing(input: CheckInput, table: TableKey): LabelIssue[] {
  const t = input.tables[table];
  if (!t) return [];
  const out: LabelIssue[] = [];
  const version = input.version === 'unknown' ? '2021' : input.version;
  if (table === 'applications') {
    for (const row of T3_ROW_KEYS[version]) {
      if (!t[row]) out.push({ kind: 'missing', what: 'row', key: row, label: labelOf(T3_ROWS, row) });
    }
    const rows = Object.values(t);
    for (const c of T3_COLUMNS)
      if (!rows.some((r) => Object.hasOwn(r, c.key))) out.push({ kind: 'missing', what: 'column', key: c.key, label: c.label });
  } else if (table === 'reviewLitigation') {
    for (const g of T4_GROUPS) {
      for (const c of T4_COLUMNS) {
        if (!t[g.key]?.[c.key]) out.push({ kind: 'missing', what: 'column', key: `${g.key}.${c.key}`, label: `${g.label} · ${c.label}` });
      }
    }
  } else {
    for (const [row, cols] of Object.entries(T2_TEMPLATE[version])) {
      for (const col of cols) {
        if (!t[row]?.[col])
          out.push({
            kind: 'missing',
            what: 'column',
            key: `${row}.${col}`,
            label: `${labelOf(T2_ROWS, row)} · ${labelOf(T2_COLUMNS, col)}`,
          });
      }
    }
  }
  return out;
}

const KIND_WORD: Record<LabelIssue['kind'], string> = {
  missing: '缺少',
  extra: '多出',
  relabelled: '标签改写',
  duplicate: '重复',
  positional: '按位置推定',
  merged: '一个数值单元格跨越多列',
};

function describe(i: LabelIssue): string {
  const what = i.what === 'row' ? '行' : '列';
  if (i.kind === 'merged') return `${KIND_WORD.merged}：「${i.label}」`;
  if (i.kind === 'relabelled' || i.kind === 'positional')
    return `${KIND_WORD[i.kind]}${what}「${i.label}」（页面写作「${i.found ?? ''}」）`;
  return `${KIND_WORD[i.kind]}${what}「${i.label}」`;
}

export const formatLabels: Rule = {
  id: 'format.labels',
  severity: 'warning',
  title: '表格的行与列与模板一致（无缺少、多出或改写）',
  run: (input) =>
    presentTables(input.tables).map((table): Finding => {
      const issues = [...missing(input, table), ...input.labelIssues[table]];
      const id = `format.labels:${table}`;
      if (issues.length === 0) {
        return {
          id,
          rule: 'format.labels',
          status: 'pass',
          severity: 'warning',
          message: `${TABLE_NAMES[table]}的行列与模板一致。`,
          cells: [],
        };
      }
      return {
        id,
        rule: 'format.labels',
        status: 'fail',
        severity: 'warning',
        message: `${TABLE_NAMES[table]}与模板不一致：${issues.map(describe).join('；')}。`,
        cells: [],
      };
    }),
};
