/** The evaluator rules (publish.deadline, text.similarity, content.problems, content.fees, narrative.percent) on fixtures and made inputs. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../../lib/checks';
import { contentFees, feeStatements } from '../../lib/checks/contentFees';
import { contentProblems } from '../../lib/checks/contentProblems';
import { narrativePercent } from '../../lib/checks/narrativePercent';
import { publishDeadline } from '../../lib/checks/publishDeadline';
import { textSimilarity } from '../../lib/checks/textSimilarity';
import type { CheckInput } from '../../lib/checks/types';
import type { TextLine } from '../../lib/prose/sectionText';
import type { Cell, Finding, ReportRecord } from '../../lib/record/schema';
import { norm } from '../../lib/text/normalize';
import { analyzeFixture, failing } from './helpers';

const lines = (...texts: string[]): TextLine[] => texts.map((text) => ({ text, norm: norm(text) }));

/** A check input with nothing but what the evaluator rules look at. */
function input(over: Partial<CheckInput> = {}): CheckInput {
  return {
    tables: {},
    version: '2021',
    labelIssues: { activeDisclosure: [], applications: [], reviewLitigation: [] },
    sections: [1, 2, 3, 4, 5, 6],
    sentences: [],
    years: {},
    media: { images: 0, attachments: 0 },
    ...over,
  };
}

const cells = (values: Record<string, number | null>): Record<string, Cell> =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]): [string, Cell] => [
      k,
      { value: v, raw: v === null ? '' : String(v), kind: v === null ? 'blank' : 'number' },
    ]),
  );

const mine = (r: ReportRecord, rule: string) => r.findings.filter((f) => f.rule === rule);
const statuses = (fs: Finding[]) => fs.map((f) => [f.id, f.status, f.severity]);
const previousOf = (file: string) => analyzeFixture(file).record;

describe('publish.deadline', () => {
  it('a county government publishing in March is on time (31 March)', () => {
    const [f] = mine(analyzeFixture('deadline-county-government.html').record, 'publish.deadline');
    expect(f).toMatchObject({ id: 'publish.deadline:report', status: 'pass' });
    expect(f?.message).toContain('2024-03-31');
  });

  it('a department signing in February is late (31 January), by the days it says', () => {
    const [f] = mine(analyzeFixture('deadline-late-department.html').record, 'publish.deadline');
    expect(f).toMatchObject({ status: 'fail', severity: 'warning', difference: 5 });
    expect(f?.message).toContain('落款日期');
  });

  it('seed 004, a 街道 publishing its 2020 report on 16 February 2021, is late', () => {
    expect(mine(analyzeFixture('seed004-thead.html').record, 'publish.deadline')[0]).toMatchObject({ status: 'fail', difference: 16 });
  });

  it('is not checkable without a date, without the kind of body, or with a date before the year ended', () => {
    expect(mine(analyzeFixture('deadline-unknown-date.html').record, 'publish.deadline')[0]?.status).toBe('na');
    const pub = { at: '2024-02-10', from: '发布日期' };
    expect(publishDeadline.run(input({ published: pub, agency: '杭州高新区', year: 2023 }))[0]?.status).toBe('na');
    expect(publishDeadline.run(input({ published: pub, year: 2023 }))[0]?.status).toBe('na');
    expect(publishDeadline.run(input({ published: { at: '2023-06-01', from: '发布日期' }, agency: '某局', year: 2023 }))[0]?.status).toBe(
      'na',
    );
    // The same February date: late for a bureau, on time for the government.
    expect(publishDeadline.run(input({ published: pub, agency: '某区财政局', year: 2023 }))[0]?.status).toBe('fail');
    expect(publishDeadline.run(input({ published: pub, agency: '某区人民政府', year: 2023 }))[0]?.status).toBe('pass');
  });
});

describe('text.similarity', () => {
  it('says nothing without last year’s record, as the cross-year rules do', () => {
    expect(statuses(mine(analyzeFixture('seed000-plain.html').record, 'text.similarity'))).toEqual([]);
  });

  it('a record keeps the text of sections 一, 五 and 六 only', () => {
    const { record } = analyzeFixture('seed003-plain.html');
    expect(record.report.sections?.filter((s) => s.text !== undefined).map((s) => s.index)).toEqual([1, 5, 6]);
    expect(record.report.sections?.find((s) => s.index === 6)?.text).toBe(
      '依据《政府信息公开信息处理费管理办法》规定，本年度未收取政府信息处理费。',
    );
    // Section 五's sub-headings are its lines too; the heading itself is not.
    expect(record.report.sections?.find((s) => s.index === 5)?.text?.split('\n')[0]).toBe('（一）工作中存在的主要问题和困难');
  });

  it('last year’s copy with the years and figures changed: an error on each section, the passages quoted', () => {
    const { record } = analyzeFixture('seed000-plain.html', { previous: previousOf('similar-copy-2022.html') });
    const found = mine(record, 'text.similarity');
    expect(statuses(found)).toEqual([
      ['text.similarity:section1', 'fail', 'error'],
      ['text.similarity:section5', 'fail', 'error'],
      ['text.similarity:section6', 'fail', 'error'],
    ]);
    expect(found[1]).toMatchObject({ actual: 100, expected: 50 });
    expect(found[1]?.passages).toEqual([
      '上年度我街道存在的问题：一是公开内容还不够全面，二是部分动态信息公开时效性有待加强。2023年，加强信息报送，全面宣传街道工作，全年公开信息406条，时效性也有明显提高',
      '本年度信息公开工作取得了进步，但仍存在不足。主要体现在：信息公开质量还有待提高。下年度，我街道将进一步加强信息公开条例的学习培训，增强思想认识和业务能力，提高信息公开的时效性和准确性，全面提升街道信息公开质量',
    ]);
  });

  it('a report partly rewritten: a warning over 50 %, a pass where rewritten, too short to compare a one-liner', () => {
    const { record } = analyzeFixture('seed003-plain.html', { previous: previousOf('similar-rewritten-2022.html') });
    const found = mine(record, 'text.similarity');
    expect(statuses(found)).toEqual([
      ['text.similarity:section1', 'fail', 'warning'],
      ['text.similarity:section5', 'pass', 'warning'],
      ['text.similarity:section6', 'na', 'warning'],
    ]);
    expect(found[0]?.actual).toBe(82.1);
    expect(found[1]?.actual).toBe(0);
    // The rewritten item (四) is not among the repeated passages; the kept item (五) is.
    expect(found[0]?.passages?.some((p) => p.includes('重视舆情收集和回应'))).toBe(false);
    expect(found[0]?.passages?.some((p) => p.startsWith('（五）监督保障。严格执行公开前的保密审查机制'))).toBe(true);
  });

  it('different bodies’ 2023 reports never read as copies of each other (seeds 000–003, every pair)', () => {
    const seeds = ['000', '001', '002', '003'].map((s) => analyzeFixture(`seed${s}-plain.html`).record);
    const shares: number[] = [];
    for (const [i, a] of seeds.entries()) {
      for (const [j, b] of seeds.entries()) {
        if (i === j) continue;
        // Treat b as if it were a's last year: the rule must pass or find the section too short.
        const found = textSimilarity.run({ ...input(), sectionText: sectionTextOf(a), previous: b });
        for (const f of found) {
          expect(f.status, `${a.report.agency} against ${b.report.agency}: ${f.id}`).not.toBe('fail');
          if (f.actual !== undefined) shares.push(f.actual);
        }
      }
    }
    // 12 pairs × 3 sections, less section 六 of seeds 002 and 003 (one line each: too short to compare).
    expect(shares).toHaveLength(30);
    expect(Math.max(...shares)).toBe(4.6);
  });

  it('last year’s record read before the text was kept cannot be compared', () => {
    const previous = previousOf('similar-copy-2022.html');
    const old = { ...previous, report: { ...previous.report, sections: previous.report.sections?.map(({ text: _, ...s }) => s) } };
    const found = textSimilarity.run({ ...input(), sectionText: { 1: lines('某某内容') }, previous: old });
    expect(statuses(found)).toEqual([['text.similarity:report', 'na', 'warning']]);
  });
});

/** A record's kept section texts as a check input's section lines. */
function sectionTextOf(r: ReportRecord): CheckInput['sectionText'] {
  return Object.fromEntries((r.report.sections ?? []).filter((s) => s.text).map((s) => [s.index, lines(...(s.text ?? '').split('\n'))]));
}

describe('content.problems', () => {
  it('passes on every seed (each names problems and measures)', () => {
    for (const s of ['000', '001', '002', '003', '004']) {
      expect(mine(analyzeFixture(`seed${s}-plain.html`).record, 'content.problems')[0]?.status, s).toBe('pass');
    }
  });

  it('fails on 「无」, on generalities, on last year’s copy; na without section 五', () => {
    expect(mine(analyzeFixture('deadline-late-department.html').record, 'content.problems')[0]?.message).toContain('只写「无」');
    expect(mine(analyzeFixture('deadline-unknown-date.html').record, 'content.problems')[0]?.message).toContain('没有写出具体的问题');
    const copy = analyzeFixture('seed000-plain.html', { previous: previousOf('similar-copy-2022.html') }).record;
    expect(mine(copy, 'content.problems')[0]).toMatchObject({ status: 'fail' });
    expect(mine(copy, 'content.problems')[0]?.message).toContain('与 2022 年报告的同一部分相同');
    expect(mine(analyzeFixture('sections-missing.html').record, 'content.problems')[0]?.status).toBe('na');
  });

  it('a problem without a measure, and the sub-headings alone, fail', () => {
    const run = (...t: string[]) => contentProblems.run(input({ sectionText: { 5: lines(...t) } }))[0];
    expect(run('一是公开内容不够全面。')?.message).toContain('没有写改进措施');
    expect(run('（一）存在的主要问题', '（二）改进措施')?.message).toContain('为空');
    expect(run('暂无。')?.status).toBe('fail');
    expect(run('信息发布不够及时。下一步将建立发布台账。')?.status).toBe('pass');
  });
});

const t3 = (overdueFee: number) => ({ applications: { 'otherHandling.overdueFee': cells({ total: overdueFee }) } });

describe('content.fees', () => {
  it('「未收取」 while 表三 （六）2 counts fee notices not paid: fails, with both figures', () => {
    const [f] = mine(analyzeFixture('deadline-late-department.html').record, 'content.fees');
    expect(f).toMatchObject({
      id: 'content.fees:section6',
      status: 'fail',
      actual: 0,
      expected: 2,
      cells: [{ table: 'applications', row: 'otherHandling.overdueFee', column: 'total' }],
      quote: '2023年，本机关未收取政府信息公开信息处理费。',
    });
  });

  it('passes where 六 says none and the tables agree, na where 六 says nothing of fees', () => {
    for (const s of ['000', '001', '002', '003'])
      expect(mine(analyzeFixture(`seed${s}-thead.html`).record, 'content.fees')[0]?.status, s).toBe('pass');
    expect(mine(analyzeFixture('seed004-plain.html').record, 'content.fees')[0]?.status).toBe('na');
    expect(mine(analyzeFixture('deadline-unknown-date.html').record, 'content.fees')[0]?.status).toBe('na');
  });

  it('reads what 六 says clause by clause', () => {
    const run = (overdue: number, ...t: string[]) =>
      contentFees.run(input({ tables: t3(overdue), sectionText: { 6: lines(...t) } }))[0]?.status;
    // Said charged, nothing to show for it.
    expect(run(0, '本机关依法收取信息处理费。')).toBe('fail');
    // Charged with a figure: consistent.
    expect(run(0, '本年度共收取信息处理费300元。')).toBe('pass');
    // Notices sent and not paid: what （六）2 counts.
    expect(run(2, '本年度发出收费通知2件，申请人均未缴纳，实际收取0元。')).toBe('pass');
    // None said, an amount given.
    expect(run(0, '本年度未收取信息处理费。', '收取复制费用50元。')).toBe('fail');
    // 「发文」 in a law's title is not a fee statement; 「0元」 is none.
    expect(run(0, '依据《政府信息公开信息处理费管理办法》，本年度收取信息处理费0元。')).toBe('pass');
    expect(feeStatements(lines('（一）政府信息处理费收取情况', '无。'))).toBeUndefined();
  });
});

describe('narrative.percent', () => {
  it('percentages the tables give pass, to the precision written', () => {
    const found = mine(analyzeFixture('deadline-county-government.html').record, 'narrative.percent');
    expect(found.map((f) => [f.id, f.status, f.actual, f.expected])).toEqual([
      ['narrative.percent:1', 'pass', 40.5, 40.5],
      ['narrative.percent:2', 'pass', 57.1, 57.1],
      ['narrative.percent:3', 'pass', 90.9, 90.9],
    ]);
    expect(found[1]?.cells).toEqual([
      { table: 'applications', row: 'granted', column: 'total' },
      { table: 'applications', row: 'partiallyGranted', column: 'total' },
      { table: 'applications', row: 'totalProcessed', column: 'total' },
    ]);
  });

  it('percentages the tables contradict fail, naming the computed figure', () => {
    const { record } = analyzeFixture('deadline-late-department.html');
    expect(mine(record, 'narrative.percent').map((f) => [f.status, f.actual, f.expected, f.difference])).toEqual([
      ['fail', 45, 40, 5],
      ['fail', 60, 55, 5],
    ]);
    expect(failing(record)).toEqual([
      'content.fees:section6',
      'content.problems:section5',
      'narrative.percent:1',
      'narrative.percent:2',
      'publish.deadline:report',
    ]);
  });

  it('a rate over no requests is na; rates of other things (热线, 审查率) are not compared', () => {
    expect(mine(analyzeFixture('deadline-unknown-date.html').record, 'narrative.percent').map((f) => f.status)).toEqual(['na']);
    // seed 003: 「合法性审查率100%」; seed 004: the 12345 hotline's 「办结率100%」.
    expect(mine(analyzeFixture('seed003-plain.html').record, 'narrative.percent')).toEqual([]);
    expect(mine(analyzeFixture('seed004-plain.html').record, 'narrative.percent')).toEqual([]);
  });

  it('precision, changes, rates of 表四', () => {
    const tables: ReportRecord['tables'] = {
      applications: {
        newReceived: cells({ total: 53, naturalPerson: 50 }),
        carriedOver: cells({ total: 0 }),
        granted: cells({ total: 18 }),
        partiallyGranted: cells({ total: 0 }),
        totalProcessed: cells({ total: 53 }),
      },
      reviewLitigation: { review: cells({ corrected: 1, pending: 1, total: 4 }) },
    };
    const run = (t: string) => narrativePercent.run(input({ tables, sectionText: { 3: lines(t) } })).map((f) => [f.status, f.expected]);
    // 18 / 53 = 33.96 %: 「34%」 and 「33.96%」 hold, 「33.9%」 does not (33.96 rounds to 34.0).
    expect(run('予以公开18件，占33.9%。')).toEqual([['fail', 34]]);
    expect(run('予以公开18件，占34%。')).toEqual([['pass', 34]]);
    expect(run('予以公开18件，占33.96%。')).toEqual([['pass', 33.96]]);
    expect(run('申请量较上年增长12.5%。')).toEqual([]);
    // 复议纠错率: corrected over concluded reviews (4 − 1 pending) = 33.3 %; over all reviews (25 %) also read.
    expect(run('行政复议纠错率为33.3%。')).toEqual([['pass', 33.3]]);
    expect(run('行政复议纠错率为25%。')).toEqual([['pass', 25]]);
    expect(run('自然人申请50件，占94.3%。')).toEqual([['pass', 94.3]]);
  });
});

describe('the registry', () => {
  it('registers the five evaluator rules, each finding resolving to its own rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids.slice(-5)).toEqual(['publish.deadline', 'text.similarity', 'content.problems', 'content.fees', 'narrative.percent']);
    const { record } = analyzeFixture('deadline-late-department.html');
    const owner = (f: Finding) => RULES.find((r) => r.id === f.rule) ?? RULES.find((r) => f.rule.startsWith(`${r.id}.`));
    expect(record.findings.filter((f) => f.rule === 'narrative.percent').map((f) => owner(f)?.id)).toEqual([
      'narrative.percent',
      'narrative.percent',
    ]);
    // No narrative figure is called 「percent」: narrative.percent:N ids belong to one rule only.
    expect(record.findings.filter((f) => f.id.startsWith('narrative.percent:')).every((f) => f.rule === 'narrative.percent')).toBe(true);
  });
});
