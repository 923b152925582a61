/** text.similarity: how much of sections 一、五、六 repeats last year's report of the same body. */
import { KEPT_SECTIONS } from '../prose/sectionText';
import type { Finding, ReportRecord } from '../record/schema';
import { drain, type Steps } from '../steps';
import { compare, prepare } from '../text/similarity';
import { SECTION_NAMES } from './formatSections';
import type { CheckInput, Rule } from './types';

/** Over this share of this year's text repeating last year's, a person should look (evaluators' 50 % line). */
export const SHARE_LIMIT = 0.5;
/** Fewer letters than this (a one-line 「本年度未收取信息处理费」) say too little to call a repetition copying. */
export const MIN_LETTERS = 40;

const NUMERALS = '一二三四五六';

/** A section as named in messages: 「第五部分（存在的主要问题及改进情况）」. */
export const sectionName = (n: number): string => `第${NUMERALS[n - 1]}部分（${SECTION_NAMES[n - 1]}）`;

/** Last year's kept text of a section, if the record has it. */
export function previousText(previous: ReportRecord, index: number): string | undefined {
  return previous.report.sections?.find((s) => s.index === index)?.text;
}

/** This year's text of a section, lines joined as the record keeps them. */
export function currentText(input: CheckInput, index: number): string | undefined {
  const lines = input.sectionText?.[index];
  return lines?.length ? lines.map((l) => l.text).join('\n') : undefined;
}

const percent = (share: number) => Math.round(share * 1000) / 10;

function* similaritySteps(input: CheckInput): Steps<Finding[]> {
  const { previous } = input;
  const base = { rule: 'text.similarity', severity: 'warning' as const, cells: [] };
  // Like the cross-year rules, nothing to say without last year's record: the panel says that
  // opening last year's report enables the cross-year checks, this one among them.
  if (!previous) return [];
  if (!previous.report.sections?.some((s) => s.text !== undefined)) {
    return [
      { ...base, id: 'text.similarity:report', status: 'na', message: '上一年度的记录没有保存正文（由旧版本读取），无法比对重复内容。' },
    ];
  }
  const before = previous.report.year ?? '上一';
  const out: Finding[] = [];
  for (const n of KEPT_SECTIONS) {
    yield;
    const id = `text.similarity:section${n}`;
    const now = currentText(input, n);
    const then = previousText(previous, n);
    if (now === undefined || then === undefined) {
      const which = now === undefined ? '本年报告' : `${before}年报告`;
      out.push({ ...base, id, status: 'na', message: `${which}没有${sectionName(n)}的正文，无法比对。` });
      continue;
    }
    const c = compare(prepare(now), prepare(then));
    if (c.length < MIN_LETTERS) {
      out.push({ ...base, id, status: 'na', message: `${sectionName(n)}去掉模板用语、数字和年份后只有 ${c.length} 个字，太短，不比对。` });
      continue;
    }
    const share = percent(c.share);
    const common = {
      ...base,
      id,
      sides: ['与上年重复（%）', '警示线（%）'] as [string, string],
      actual: share,
      expected: SHARE_LIMIT * 100,
      difference: Math.round((share - SHARE_LIMIT * 100) * 10) / 10,
      ...(c.passages.length ? { passages: c.passages } : {}),
    };
    if (c.same) {
      out.push({
        ...common,
        status: 'fail',
        severity: 'error',
        message: `${sectionName(n)}除数字和年份外与 ${before} 年报告完全相同。`,
      });
    } else if (c.share > SHARE_LIMIT) {
      out.push({
        ...common,
        status: 'fail',
        message: `${sectionName(n)}有 ${share}% 的文字与 ${before} 年报告重复（不计模板用语、数字和年份），超过 ${SHARE_LIMIT * 100}%。`,
      });
    } else {
      out.push({
        ...common,
        status: 'pass',
        message: `${sectionName(n)}有 ${share}% 的文字与 ${before} 年报告重复（不计模板用语、数字和年份），未超过 ${SHARE_LIMIT * 100}%。`,
      });
    }
  }
  return out;
}

export const textSimilarity: Rule = {
  id: 'text.similarity',
  severity: 'warning',
  title: '正文不照搬上一年度报告（一、五、六部分重复不超过 50%）',
  run: (input) => drain(similaritySteps(input)),
  steps: similaritySteps,
};
