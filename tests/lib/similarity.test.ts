/** How text is reduced and compared for repetition (lib/text/similarity.ts). */
import { describe, expect, it } from 'vitest';
import { compare, K, prepare } from '../../lib/text/similarity';

describe('text compared for repetition', () => {
  it('keeps letters only: numbers, years, list numbering and punctuation go', () => {
    expect(prepare('2023年，本机关收到申请18件；一是加强培训，（二）完善制度。').chars).toBe('本机关收到申请件是加强培训完善制度');
    // A year goes with its 年; a count leaves its unit.
    expect(prepare('二〇二三年全年办结十二件').chars).toBe('全年办结件');
  });

  it('cuts out the template’s wording and slogans', () => {
    expect(prepare('根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制本报告。').chars).toBe('根据');
    expect(prepare('坚持以公开为常态、不公开为例外，做好政府信息公开工作').chars).toBe('坚持做好工作');
  });

  it('reads traditional and full-width text as simplified', () => {
    expect(prepare('公開內容還不夠全面').chars).toBe(prepare('公开内容还不够全面').chars);
    expect(prepare('ＡＢＣ网站').chars).toBe('abc网站');
  });

  it('the same text with other figures and years is the same; a share counts letters covered by shared runs', () => {
    const a = prepare('2023年，我局主动公开信息406条，开展政策解读16次，群众满意度明显提高。');
    const b = prepare('2022年，我局主动公开信息372条，开展政策解读9次，群众满意度明显提高。');
    expect(compare(a, b)).toMatchObject({ same: true, share: 1 });
    const c = prepare('2023年，我局主动公开信息406条，另外新建了一个便民服务专区。');
    const r = compare(c, b);
    expect(r.same).toBe(false);
    // 「我局主动公开信息条」 (9 letters) of 21 repeat (「一个」 is a count: its 一 goes).
    expect(r.length).toBe(21);
    expect(r.share).toBe(9 / 21);
    expect(r.passages).toEqual(['我局主动公开信息406条']);
  });

  it('runs shorter than K letters never count', () => {
    expect(K).toBe(8);
    expect(compare(prepare('加强督促检查，做好年度考核'), prepare('加强督促，检查年度工作')).share).toBe(0);
  });

  it('passages are cut at line ends', () => {
    const now = prepare('一是公开内容还不够全面丰富。\n二是信息发布的时效性有待加强。');
    expect(compare(now, now).passages).toEqual(['一是公开内容还不够全面丰富', '二是信息发布的时效性有待加强']);
  });
});
