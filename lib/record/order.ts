/**
 * The tables of a record in the template's order (format.md's rows and columns), whatever order
 * their keys arrived in: browser storage hands objects back with their keys sorted, and every export
 * must list a table the same way wherever the record came from. Pure.
 */
import { T2_COLUMNS, T2_ROWS, T2_TEMPLATE, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS } from './labels';
import type { CellTable, FormatVersion, ReportRecord, TableKey } from './schema';

type Rank = ReadonlyMap<string, number>;

const rankOf = (keys: readonly string[]): Rank => new Map(keys.map((k, i) => [k, i]));

const ROWS: Record<TableKey, Rank> = {
  activeDisclosure: rankOf(T2_ROWS.map((d) => d.key)),
  applications: rankOf(T3_ROWS.map((d) => d.key)),
  reviewLitigation: rankOf(T4_GROUPS.map((d) => d.key)),
};

const COLUMNS: Record<TableKey, Rank> = {
  activeDisclosure: rankOf(T2_COLUMNS.map((d) => d.key)),
  applications: rankOf(T3_COLUMNS.map((d) => d.key)),
  reviewLitigation: rankOf(T4_COLUMNS.map((d) => d.key)),
};

/** 表二's columns differ by row and version (2019 procurement: 采购项目数量 before 采购总金额). */
function t2Columns(row: string, version: FormatVersion): Rank {
  const own = version === 'unknown' ? undefined : (T2_TEMPLATE[version] as Record<string, readonly string[]>)[row];
  if (!own) return COLUMNS.activeDisclosure;
  return rankOf([...own, ...T2_COLUMNS.map((d) => d.key).filter((k) => !own.includes(k))]);
}

/** Keys in the template's order; keys the template lacks (extras of a local variant) after, as they came. */
function sorted<T>(obj: Record<string, T>, rank: Rank): [string, T][] {
  const last = rank.size;
  return Object.entries(obj)
    .map((e, i) => ({ e, r: rank.get(e[0]) ?? last + i }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.e);
}

/** One table with its rows and each row's columns in the template's order. */
export function tableInOrder(table: TableKey, cells: CellTable, version: FormatVersion): CellTable {
  const out: CellTable = {};
  for (const [row, cols] of sorted(cells, ROWS[table])) {
    out[row] = Object.fromEntries(sorted(cols, table === 'activeDisclosure' ? t2Columns(row, version) : COLUMNS[table]));
  }
  return out;
}

const TABLE_ORDER: readonly TableKey[] = ['activeDisclosure', 'applications', 'reviewLitigation'];

/** The record's tables in the template's order (the record itself is not changed). */
export function tablesInOrder(record: Pick<ReportRecord, 'tables' | 'report'>): ReportRecord['tables'] {
  const out: ReportRecord['tables'] = {};
  for (const key of TABLE_ORDER) {
    const cells = record.tables[key];
    if (cells) out[key] = tableInOrder(key, cells, record.report.formatVersion);
  }
  return out;
}
