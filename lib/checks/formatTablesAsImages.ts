import { presentTables } from './tableCells';
import type { Rule } from './types';

export const formatTablesAsImages: Rule = {
  id: 'format.tablesAsImages',
  severity: 'warning',
  title: '统计表以文字表格发布（不是图片或附件）',
  run: ({ tables, media, sections }) => {
    const base = { id: 'format.tablesAsImages:report', rule: 'format.tablesAsImages', severity: 'warning' as const, cells: [] };
    if (presentTables(tables).length > 0) return [{ ...base, status: 'pass', message: '统计表以网页表格发布，可以核对。' }];
    if (media.images + media.attachments > 0 && sections.length >= 3) {
      return [
        {
          ...base,
          status: 'fail',
          message: `报告有正文各部分，但统计表是图片（${media.images} 张）或附件（${media.attachments} 个），无法核对任何数字。`,
        },
      ];
    }
    return [{ ...base, status: 'na', message: '页面上没有找到统计表，也没有图片或附件形式的表格。' }];
  },
};
