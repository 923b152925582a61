import type { Rule } from './types';

export const SECTION_NAMES = [
  '总体情况',
  '主动公开政府信息情况',
  '收到和处理政府信息公开申请情况',
  '政府信息公开行政复议、行政诉讼情况',
  '存在的主要问题及改进情况',
  '其他需要报告的事项',
];

export const formatSections: Rule = {
  id: 'format.sections',
  severity: 'warning',
  title: '六个部分齐全且顺序正确',
  run: ({ sections }) => {
    const base = { id: 'format.sections:report', rule: 'format.sections', severity: 'warning' as const, cells: [] };
    const missing = [1, 2, 3, 4, 5, 6].filter((n) => !sections.includes(n));
    const ordered = sections.every((n, i) => i === 0 || n > (sections[i - 1] as number));
    if (missing.length === 0 && ordered) return [{ ...base, status: 'pass', message: '六个部分齐全，顺序正确。' }];
    const parts: string[] = [];
    if (missing.length) parts.push(`缺少：${missing.map((n) => `${'一二三四五六'[n - 1]}、${SECTION_NAMES[n - 1]}`).join('；')}`);
    if (!ordered) parts.push(`顺序为 ${sections.map((n) => '一二三四五六'[n - 1]).join('、')}`);
    return [{ ...base, status: 'fail', message: `报告的六个部分不完整或顺序有误：${parts.join('；')}。` }];
  },
};
