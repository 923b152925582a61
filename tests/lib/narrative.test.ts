import { describe, expect, it } from 'vitest';
import { statements } from '../../lib/checks/narrativeFigures';
import type { Sentence } from '../../lib/prose/sentences';
import { norm } from '../../lib/text/normalize';

const s = (text: string, scoped = true): Sentence => ({ text, norm: norm(text), scoped });
const read = (text: string, year = 2023) => statements([s(text)], year).map((x) => [x.figure, x.value]);

describe('narrative figures', () => {
  it('reads the figures of a whole-year sentence (seed 001)', () => {
    expect(
      read(
        '2023年，累计收到受理公民依申请公开18件，其中予以公开5件，部分公开4件，本机关不掌握相关政府信息4件，无正当理由大量反复申请1件，无法提供2件，结转至下年度2件，无超期情况。',
      ),
    ).toEqual([
      ['newReceived', 18],
      ['granted', 5],
      ['partiallyGranted', 4],
      ['unable.notHeld', 4],
      ['notProcessed.excessive', 1],
      ['unable', 2],
      ['carriedForward', 2],
    ]);
  });

  it('reads 予以公开及部分公开 as one figure, not two', () => {
    expect(read('全年共新收申请40件，予以公开及部分公开12件。')).toEqual([
      ['newReceived', 40],
      ['grantedOrPartial', 12],
    ]);
  });

  it('reads statements of nothing', () => {
    expect(read('今年我街道未收到信息公开申请。')).toEqual([['newReceived', 0]]);
    expect(read('2023年，本机关未发生因政府信息公开申请引起的行政复议和行政诉讼情况。')).toEqual([
      ['review', 0],
      ['litigation', 0],
    ]);
  });

  it('reads traditional characters and Chinese numerals', () => {
    expect(read('2023年共收到政府信息公開申請十二件，予以公開五件。')).toEqual([
      ['newReceived', 12],
      ['granted', 5],
    ]);
  });

  it('ignores figures that are not about the whole year or not about applications', () => {
    expect(read('2023年上半年收到申请10件。')).toEqual([]);
    expect(read('2022年收到申请10件。')).toEqual([]);
    expect(read('2023年1-6月收到申请10件。')).toEqual([]);
    expect(read('2023年，12345热线共受理案件108件，主动公开信息406条。')).toEqual([]);
    expect(read('行政复议决定维持2件。')).toEqual([]);
    expect(statements([s('收到申请10件。', false)], 2023)).toEqual([]);
  });

  it('accepts last year for 上年结转 and next year for 结转至下年', () => {
    expect(read('2023年，上年（2022年）结转申请3件，结转至2024年继续办理2件。')).toEqual([
      ['carriedOver', 3],
      ['carriedForward', 2],
    ]);
  });

  it('flags 均获维持 only in a sentence about review or litigation', () => {
    expect(read('2023年，行政复议案件均获维持。').map((x) => x[0])).toContain('allUpheld');
    expect(read('2023年，原有做法均获维持。').map((x) => x[0])).not.toContain('allUpheld');
  });

  it('quotes the sentence', () => {
    expect(statements([s('2023年收到申请18件。')], 2023)[0]?.quote).toBe('2023年收到申请18件。');
  });
});
