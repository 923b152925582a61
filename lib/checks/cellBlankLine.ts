/** The rule cell.blankLine: a row or column left blank throughout, reported once (see blankLines.ts). */
import type { Finding, TableKey } from '../record/schema';
import { blankLines } from './blankLines';
import { TABLE_NAMES } from './tableCells';
import type { Rule } from './types';

/** The tables with equations, where a line left blank hides every sum over it. */
const TABLES: TableKey[] = ['applications', 'reviewLitigation'];

/** A row or column of 表三 (or a column of 表四) left blank throughout: one finding, its equations na. */
export const cellBlankLine: Rule = {
  id: 'cell.blankLine',
  severity: 'warning',
  title: '整行或整列未填写（依赖它的等式无法核对）',
  run: ({ tables }) => {
    const lines = blankLines(tables);
    return TABLES.filter((t) => tables[t]).flatMap((table): Finding[] => {
      const mine = lines.filter((l) => l.table === table);
      if (mine.length === 0) {
        return [
          {
            id: `cell.blankLine:${table}`,
            rule: 'cell.blankLine',
            status: 'pass',
            severity: 'warning',
            message: `${TABLE_NAMES[table]}没有整行或整列未填写。`,
            cells: [],
          },
        ];
      }
      return mine.map((l) => ({
        id: l.id,
        rule: 'cell.blankLine',
        status: 'fail',
        severity: 'warning',
        message: `${l.name}整${l.kind === 'column' ? '列' : l.kind === 'row' ? '行' : '组'}未填写（${l.cells.length} 格都是空白或占位符），而同表其他格有数字：依赖它的 ${l.equations.length} 个等式无法核对，在此作为一处问题报告。`,
        cells: l.cells,
      }));
    });
  },
};
