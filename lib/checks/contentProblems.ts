/** content.problems: section 五 names a concrete problem and what is done about it, and is not last year's. */
import { bodyLines, sentencesOf } from '../prose/sectionText';
import type { Finding } from '../record/schema';
import { compare, prepare } from '../text/similarity';
import { currentText, previousText, sectionName } from './textSimilarity';
import type { Rule } from './types';

/** Words that say something falls short. */
const PROBLEM =
  /不够|不足|有待|仍需|尚需|还需|欠缺|短板|薄弱|滞后|不及时|不到位|不全面|不规范|不完善|不平衡|不高|不强|单一|差距|困难|亟待|偏少|较少|参差不齐|存在[^。;]{0,16}(?:问题|情况|现象)|问题(?:是|有|主要|表现|体现|在于)/;
/** Words that say what will be or was done about it. */
const FORWARD = /下一步|今后|下年度|下一年|明年|新的一年|将|拟|计划|措施/;
const ACTION = /加强|完善|提升|提高|强化|推进|改进|整改|健全|规范|优化|加大|落实|丰富|拓宽|增强|建立|培训|严格/;
/** Nothing said: 无, 暂无, 无此情况. */
const NOTHING = /^(?:本(?:年度|年|机关|单位)?)?(?:无|暂无|没有|无此情况|无相关情况|无相关内容|无问题)$/;
/** A share of last year's section this high is a copy, not a repetition of a few phrases. */
const COPY_SHARE = 0.9;

export const contentProblems: Rule = {
  id: 'content.problems',
  severity: 'warning',
  title: '第五部分写出具体问题和改进措施，不为空、不写「无」、不照搬上年',
  run: (input) => {
    const { sections, sectionText, previous } = input;
    const base = { id: 'content.problems:section5', rule: 'content.problems', severity: 'warning' as const, cells: [] };
    const name = sectionName(5);
    if (!sections.includes(5)) return [{ ...base, status: 'na', message: `报告中没有找到${name}。` }];
    // Checks run on a record's tables alone (a record read before its text was kept) know no text.
    if (!sectionText) return [{ ...base, status: 'na', message: `没有${name}的文字，无法核对。` }];
    const lines = bodyLines(sectionText[5] ?? []);
    const all = lines.map((l) => l.norm).join('');
    if (all === '' || NOTHING.test(all.replace(/[。.;!]/g, ''))) {
      return [{ ...base, status: 'fail', message: `${name}为空或只写「无」，没有写出存在的问题和改进措施。` }];
    }
    const now = currentText(input, 5);
    const then = previous ? previousText(previous, 5) : undefined;
    if (now !== undefined && then !== undefined) {
      const c = compare(prepare(now), prepare(then));
      if (c.same || c.share >= COPY_SHARE) {
        const how = c.same ? '除数字和年份外与' : `有 ${Math.round(c.share * 1000) / 10}% 与`;
        return [
          {
            ...base,
            status: 'fail',
            message: `${name}${how} ${previous?.report.year ?? '上一'} 年报告的同一部分相同，不是本年的问题和改进情况。`,
            ...(c.passages.length ? { passages: c.passages } : {}),
          },
        ];
      }
    }
    const sentences = sentencesOf(lines);
    const problem = sentences.find((s) => PROBLEM.test(s.norm));
    const measure = sentences.some((s) => FORWARD.test(s.norm) || (ACTION.test(s.norm) && !PROBLEM.test(s.norm)));
    const finding: Finding = !problem
      ? { ...base, status: 'fail', message: `${name}没有写出具体的问题（只有泛泛的表述）。` }
      : !measure
        ? { ...base, status: 'fail', message: `${name}写了问题，但没有写改进措施。`, quote: problem.text }
        : { ...base, status: 'pass', message: `${name}写出了存在的问题和改进措施。`, quote: problem.text };
    return [finding];
  },
};
