/** publish.deadline: the report was published by the deadline of 条例第五十条 for its kind of body. */
import { type BodyKind, bodyKind, deadlineOf } from '../detect/bodyKind';
import type { Finding } from '../record/schema';
import type { Rule } from './types';

const KIND_WORDS: Record<BodyKind, string> = {
  government: '县级以上人民政府本级的年度报告',
  township: '乡镇人民政府、街道办事处的年度报告',
  department: '部门（含政府办公室）的年度报告',
};

export const publishDeadline: Rule = {
  id: 'publish.deadline',
  severity: 'warning',
  title: '年度报告按期发布（部门、乡镇街道 1 月 31 日前，县级以上政府本级 3 月 31 日前）',
  run: ({ published, agency, year }) => {
    const base = { id: 'publish.deadline:report', rule: 'publish.deadline', severity: 'warning' as const, cells: [] };
    if (!published) return [{ ...base, status: 'na', message: '页面上没有找到发布日期，无法核对是否按期发布。' }];
    const kind = bodyKind(agency);
    if (!kind || year === undefined) {
      return [
        {
          ...base,
          status: 'na',
          message: `发布日期为 ${published.at}，但报告主体${agency ? `「${agency}」` : ''}的类别或报告年度不明，无法确定发布期限。`,
        },
      ];
    }
    const date = published.at.slice(0, 10);
    const deadline = deadlineOf(kind, year);
    const read = `发布日期 ${date}（页面「${published.from}」）`;
    if (date < `${year + 1}-01-01`) {
      return [{ ...base, status: 'na', message: `${read}早于 ${year} 年度结束，不像是本报告的发布日期，无法核对。` }];
    }
    const days = Math.round((Date.parse(date) - Date.parse(deadline)) / 86_400_000);
    const finding: Finding =
      date <= deadline
        ? { ...base, status: 'pass', message: `${read}，在${KIND_WORDS[kind]}的发布期限 ${deadline} 之前。` }
        : {
            ...base,
            status: 'fail',
            message: `${read}，晚于${KIND_WORDS[kind]}的发布期限 ${deadline}（《政府信息公开条例》第五十条）${days} 天。`,
            // Days late: the panel has no two numbers to show, the message says it in words.
            difference: days,
          };
    return [finding];
  },
};
