import { describe, expect, it } from 'vitest';
import { scriptOf } from '../../lib/detect/report';
import { matchRow } from '../../lib/tables/applications';
import { chineseNumeral, labelCore, norm } from '../../lib/text/normalize';
import { MARKERS, toSimplified, traditionalMarkers } from '../../lib/text/t2s';
import { SIMPLIFIED, TRADITIONAL } from '../../lib/text/t2s.data';

describe('label normalisation', () => {
  it('folds width, spaces, quotes and traditional characters', () => {
    expect(norm('收到和處理政府信息公開申請情況')).toBe('收到和处理政府信息公开申请情况');
    expect(norm('第二十條第（一）項')).toBe('第二十条第(一)项');
    expect(norm('商业 \u00a0企业')).toBe('商业企业');
    expect(norm('危及“三安全一穩定”')).toBe('危及三安全一稳定');
  });

  it('converts traditional characters wherever they are, and leaves text without any as it is', () => {
    const simplified = '本机关全年共收到政府信息公开申请'.repeat(50);
    expect(toSimplified(simplified)).toBe(simplified);
    expect(toSimplified(`${simplified}申請`)).toBe(`${simplified}申请`);
    expect(toSimplified(`處${simplified}`)).toBe(`处${simplified}`);
    expect(toSimplified('行政複議、行政訴訟：維持3件，糾正1件')).toBe('行政复议、行政诉讼：维持3件，纠正1件');
    // 復議 is as common as 複議 in traditional texts; 現場 is one of the narrative's channels (words
    // outside the engine's vocabulary, such as 龜 and 鬱, are not its to convert)
    expect(toSimplified('行政復議，現場申請並參與龜鬱')).toBe('行政复议，现场申请并参与龜鬱');
    // punctuation and full-width forms are not t2s's to change (NFKC is)
    expect(toSimplified('ab12（一）、')).toBe('ab12（一）、');
    // prose is not memoised, and long prose normalises the same as its lines one by one
    const prose = `${'本年度共受理行政複議 2 件。'.repeat(20)}\n${'結轉下年度 1 件'.repeat(10)}`;
    expect(norm(prose)).toBe(prose.split('\n').map(norm).join(''));
  });

  it('pairs each traditional character with one simplified character, never with itself', () => {
    const to = new Map<string, string>();
    const t = Array.from(TRADITIONAL);
    const s = Array.from(SIMPLIFIED);
    expect(t.length).toBe(s.length);
    t.forEach((ch, i) => {
      // a character both scripts share would make every simplified text that has it look traditional
      expect(ch).not.toBe(s[i]);
      expect(SIMPLIFIED.includes(ch), ch).toBe(false);
      expect(to.get(ch) ?? s[i], ch).toBe(s[i]);
      to.set(ch, s[i] as string);
    });
    // and text with characters both scripts share, such as 案 and 社, is left as it is
    expect(toSimplified('案卷社会南西北湖督站')).toBe('案卷社会南西北湖督站');
    expect(toSimplified(Array.from(to.keys()).join(''))).toBe(Array.from(to.values()).join(''));
  });

  it('tells a traditional page by eight markers in its first 4,000 characters', () => {
    const filler = '本机关全年共收到申请'.repeat(10);
    expect(scriptOf(`${filler}${'處'.repeat(7)}`)).toBe('simplified');
    expect(scriptOf(`${filler}${'處'.repeat(8)}`)).toBe('traditional');
    expect(scriptOf(`${'處'.repeat(4)}${filler}${'開'.repeat(4)}`)).toBe('traditional');
    expect(scriptOf(`${'申'.repeat(3995)}${'處'.repeat(8)}`)).toBe('simplified');
    expect(scriptOf(`${'申'.repeat(3992)}${'處'.repeat(8)}`)).toBe('traditional');
    // every marker counts (the pattern groups them in classes of 14), and only markers do
    expect(MARKERS.length).toBe(54);
    for (const m of MARKERS) expect(traditionalMarkers(`${filler}${m.repeat(8)}`, 4000, 8), m).toBe(8);
    expect(traditionalMarkers(`${filler}${MARKERS}`, 4000, 99)).toBe(54);
    expect(traditionalMarkers(filler, 4000, 8)).toBe(0);
  });

  it('strips numbering in every form', () => {
    for (const s of ['（三）不予公开', '(三)不予公开', '三、不予公开', '(三) 不予公开']) expect(labelCore(s)).toBe('不予公开');
    expect(labelCore('1. 屬於國家秘密')).toBe('属于国家秘密');
  });

  it('takes a circled footnote mark out with a mark or unit after it', () => {
    // ① followed by a second mark, a unit or an invisible character was kept and read as 「其他1」.
    expect(labelCore('3.其他')).toBe('其他');
    for (const s of ['3.其他①*', '3.其他①（件）', '3.其他①(件)', '3.其他①（单位：件）', '3.其他①※', '3.其他①\u200b*', '3.其他\u3000①*'])
      expect(labelCore(s), s).toBe('其他');
    expect(labelCore('3.其他¹（件）')).toBe('其他');
    expect(labelCore('（七）总计②（件）*')).toBe('总计');
    expect(labelCore('1.①属于国家秘密')).toBe('属于国家秘密');
    expect(labelCore('（注①）不予公开')).toBe('不予公开');
    // a digit written as such is not a mark
    expect(labelCore('3.其他1')).toBe('其他1');
  });

  it('maps 表三 row labels by words and group, never by position', () => {
    expect(matchRow(['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密'])).toBe('withheld.stateSecret');
    expect(matchRow(['（六）其他处理', '3.其他'])).toBe('otherHandling.other');
    expect(matchRow(['三、本年度辦理結果', '（六）其他處理'])).toBe('otherHandling');
    expect(matchRow(['3.其他'])).toBeNull();
    expect(matchRow(['（七）合计'])).toBe('totalProcessed');
    expect(matchRow(['四、结转下年度继续办理'])).toBe('carriedForward');
    expect(matchRow(['(二)部分公开<br>(区分处理的)'])).toBe('partiallyGranted');
    // An item under the wrong group is not taken for that item.
    expect(matchRow(['（四）无法提供', '1.属于国家秘密'])).toBeNull();
  });

  it('reads Chinese numerals', () => {
    expect(chineseNumeral('十二')).toBe(12);
    expect(chineseNumeral('一百零五')).toBe(105);
    expect(chineseNumeral('零')).toBe(0);
    expect(chineseNumeral('多')).toBeNull();
  });
});

describe('years in Chinese numerals', () => {
  it('reads 二〇二三年 as 2023年', async () => {
    const { digitYears } = await import('../../lib/text/normalize');
    expect(digitYears('某局二〇二三年度政府信息公开工作年度报告')).toBe('某局2023年度政府信息公开工作年度报告');
    expect(digitYears('三年行动')).toBe('三年行动');
  });
});
