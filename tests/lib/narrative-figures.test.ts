/** Figures in the prose: how they are written, and which of them speak of the year's totals. */
import { describe, expect, it } from 'vitest';
import { statements } from '../../lib/checks/narrativeFigures';
import type { Sentence } from '../../lib/prose/sentences';
import { T3_ROW_KEYS } from '../../lib/record/labels';
import type { CellTable, ReportRecord } from '../../lib/record/schema';
import { parseCell } from '../../lib/text/cell';
import { norm } from '../../lib/text/normalize';
import { checkTables } from './tables';

const s = (text: string): Sentence => ({ text, norm: norm(text), scoped: true });
const read = (text: string, year = 2023) => statements([s(text)], year).map((x) => [x.figure, x.value]);

describe('how figures are written', () => {
  it.each([
    ['2023年共收到政府信息公开申请1,291件。', 1291],
    ['2023年共收到政府信息公开申请1，291件。', 1291],
    ['2023年共收到政府信息公开申请１，２９１件。', 1291],
    ['2023年共收到政府信息公开申请12,345,678件。', 12345678],
    ['2023年共收到政府信息公开申请一千二百三十四件。', 1234],
    ['2023年共收到政府信息公开申请一万零五件。', 10005],
    ['2023年共收到政府信息公开申请两千件。', 2000],
    ['2023年共收到政府信息公开申请1.2万件。', 12000],
    ['2023年共收到政府信息公开申请壹佰贰拾件。', 120],
  ])('%s', (text, n) => {
    expect(read(text)).toEqual([['newReceived', n]]);
  });

  it('keeps the clauses around a thousands separator apart from those around a comma', () => {
    expect(read('2023年共收到申请1,291件,办结1,280件,结转下年度继续办理11件。')).toEqual([
      ['newReceived', 1291],
      ['totalProcessed', 1280],
      ['carriedForward', 11],
    ]);
  });

  it('reads nothing that is not one figure, or beyond the safe integers', () => {
    expect(read('2023年共收到申请1,29件。')).toEqual([]);
    expect(read('2023年共收到申请一二三件。')).toEqual([]);
    expect(read(`2023年共收到申请${'9'.repeat(400)}件。`)).toEqual([]);
    expect(read('2023年共收到申请2.5件。')).toEqual([]);
    expect(read('2023年，答复申请平均用时3个工作日。')).toEqual([]);
  });
});

describe('figures that are not the year’s totals', () => {
  it('changes', () => {
    expect(read('2023年收到申请较上年增加263件。')).toEqual([]);
    expect(read('2023年共收到申请1,291件，较上年增加263件。')).toEqual([['newReceived', 1291]]);
    expect(read('2023年办结申请数量同比减少12件。')).toEqual([]);
    expect(read('2023年新收申请比上年多出5件。')).toEqual([]);
    expect(read('2023年不予公开数量下降3件。')).toEqual([]);
  });

  it('last year', () => {
    expect(read('2023年，本机关上年收到申请10件。')).toEqual([]);
    expect(read('2023年，去年办结申请8件。')).toEqual([]);
    expect(read('2023年，上年结转申请3件。')).toEqual([['carriedOver', 3]]);
    expect(read('2023年，上一年度结转申请3件。')).toEqual([['carriedOver', 3]]);
  });

  it('parts', () => {
    expect(read('2023年收到申请18件，其中网上收到申请10件，当面收到申请8件。')).toEqual([['newReceived', 18]]);
    expect(read('2023年收到自然人申请15件。')).toEqual([]);
    // 20 counts last year's carried-over requests too: it is not the year's new requests.
    expect(read('2023年共收到申请20件（含上年结转2件）。')).toEqual([['carriedOver', 2]]);
    expect(read('2023年共收到申请20件，其中上年结转申请2件。')).toEqual([['carriedOver', 2]]);
  });

  it('other things than the requests', () => {
    for (const text of [
      '2023年受理群众信访申请20件。',
      '2023年办结信访事项30件。',
      '2023年，门户网站访问量共收到公开信息浏览申请120件。',
      '2023年，办结政务服务事项12,000件。',
      '2023年共收到并发布政府信息公开信息326条。',
      '2023年答复网民留言200件。',
      '2023年，12345热线共受理案件108件。',
      '2023年办结行政处罚案件56件。',
    ]) {
      expect(read(text), text).toEqual([]);
    }
  });

  it('行政复议和行政诉讼 counted together is neither', () => {
    expect(read('2023年发生行政复议和行政诉讼3件。')).toEqual([]);
    expect(read('2023年被申请行政复议1件、提起行政诉讼2件。')).toEqual([
      ['review', 1],
      ['litigation', 2],
    ]);
  });

  it('a statement of nothing that is about review is not one about requests', () => {
    expect(read('2023年未收到行政复议申请。')).toEqual([['review', 0]]);
  });
});

describe('a group figure beside items of its group (seed 001)', () => {
  const SEED001 =
    '2023年,累计收到受理公民依申请公开18件,其中予以公开5件,部分公开4件,本机关不掌握相关政府信息4件,无正当理由大量反复申请1件,无法提供2件,结转至下年度2件,无超期情况。';

  it('after the items, it is the rest of the group', () => {
    const st = statements([s(SEED001)], 2023);
    expect(st.find((x) => x.figure === 'unable')).toEqual({
      figure: 'unable',
      value: 2,
      quote: SEED001,
      besideItems: [{ figure: 'unable.notHeld', value: 4 }],
    });
    expect(st.find((x) => x.figure === 'unable.notHeld')?.besideGroup).toEqual({ figure: 'unable', value: 2 });
    expect(st.find((x) => x.figure === 'notProcessed.excessive')?.besideGroup).toBeUndefined();
  });

  it('before items it opens (其中), it is the group total', () => {
    const st = statements([s('2023年，无法提供6件，其中本机关不掌握相关政府信息4件。')], 2023);
    expect(st.map((x) => [x.figure, x.value, x.besideItems, x.besideGroup])).toEqual([
      ['unable', 6, undefined, undefined],
      ['unable.notHeld', 4, undefined, undefined],
    ]);
  });

  it('before items with no word that opens them, it is not read (it could be either)', () => {
    expect(read('2023年，无法提供6件，本机关不掌握相关政府信息4件。')).toEqual([['unable.notHeld', 4]]);
  });
});

/** 表三 at 总计 only (the narrative compares 总计), every other cell 0. */
function tables(totals: Record<string, number>): ReportRecord['tables'] {
  const t: CellTable = {};
  for (const k of T3_ROW_KEYS['2021']) {
    const v = String(totals[k] ?? 0);
    t[k] = { naturalPerson: parseCell(v), total: parseCell(v) };
  }
  return { applications: t };
}

const narrative = (text: string, t: ReportRecord['tables']) =>
  checkTables(t, [s(text)], 2023)
    .filter((f) => f.rule.startsWith('narrative.'))
    .map((f) => [f.id, f.status, f.message]);

describe('what is reported about it', () => {
  const SENTENCE = '2023年，本机关不掌握相关政府信息4件，无法提供2件。';

  it('the seed: the split disagrees, the group agrees: one finding, saying both sides', () => {
    expect(narrative(SENTENCE, tables({ 'unable.notHeld': 6 }))).toEqual([
      [
        'narrative.unable.notHeld:1',
        'fail',
        '正文说本机关不掌握相关政府信息 4 件、其余无法提供 2 件，表格为本机关不掌握相关政府信息 6 件、其余无法提供 0 件，相差 -2。',
      ],
      [
        'narrative.unable:1',
        'pass',
        '正文所述无法提供 2 件（在同句所列本机关不掌握相关政府信息 4 件之外），即无法提供共 6 件，与表格一致。',
      ],
    ]);
  });

  it('the split agrees, the group does not: one finding, on the group', () => {
    expect(narrative(SENTENCE, tables({ 'unable.notHeld': 4 }))).toEqual([
      ['narrative.unable.notHeld:1', 'pass', '正文所述本机关不掌握相关政府信息 4 件，与表格一致。'],
      [
        'narrative.unable:1',
        'fail',
        '正文说无法提供 2 件（在同句所列本机关不掌握相关政府信息 4 件之外），即无法提供共 6 件，表格为 4 件，相差 2。',
      ],
    ]);
  });

  it('both agree', () => {
    expect(narrative(SENTENCE, tables({ 'unable.notHeld': 4, 'unable.needsCreation': 2 })).map((f) => f[1])).toEqual(['pass', 'pass']);
  });
});
