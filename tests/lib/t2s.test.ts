/** The generated traditional→simplified table, the label normaliser, and the raw-text patterns built from the table. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { BODY_WORDS, TITLE_WORDS } from '../../lib/detect/quick';
import { T2_COLUMNS, T2_ROWS, T3_COLUMNS, T3_GROUPS, T3_ROWS, T4_COLUMNS, T4_GROUPS } from '../../lib/record/labels';
import { TABLE_HINT } from '../../lib/tables/classify';
import { labelCore, norm, squash } from '../../lib/text/normalize';
import { eitherScript, eitherScriptWords, toSimplified, variantsOf } from '../../lib/text/t2s';
import { DATA_FILE, QUICK_FILE, quickWordsFile, ROOT, t2sData, t2sDataFile } from '../../scripts/t2s/generate';

const CONVERSIONS = (['t', 'tw', 'hk', 'twp'] as const).map((to) => [`s2${to}`, OpenCC.Converter({ from: 'cn', to })] as const);
const LABELS = [...T3_COLUMNS, ...T3_GROUPS, ...T3_ROWS, ...T4_GROUPS, ...T4_COLUMNS, ...T2_ROWS, ...T2_COLUMNS].map((d) => d.label);

describe('the traditional→simplified table', () => {
  const data = t2sData();

  it('is the one OpenCC gives for the lib’s vocabulary (run `npx tsx scripts/gen-t2s.ts` when this fails)', () => {
    expect(readFileSync(join(ROOT, DATA_FILE), 'utf8')).toBe(t2sDataFile(data));
  }, 30_000);

  it('gives the first look its words in either script (run `npx tsx scripts/gen-t2s.ts` when this fails)', async () => {
    expect(readFileSync(join(ROOT, QUICK_FILE), 'utf8')).toBe(await quickWordsFile());
  });

  it('leaves no traditional character written by hand in a lib pattern', () => {
    expect(data.traditionalInLib).toEqual([]);
  });

  // s2twp also translates words, some into words of their own here (文件 → 檔案, 档案 being a body's
  // name), which no table can undo; its characters and its 資訊 for 信息 are folded all the same.
  it.each(CONVERSIONS.slice(0, 3))('folds every template label written by OpenCC %s back to the label', (_, convert) => {
    for (const label of LABELS) expect(labelCore(convert(label)), `${label} → ${convert(label)}`).toBe(labelCore(label));
  });

  it('folds the template labels written by OpenCC s2twp back, but for words it translates into words of their own', () => {
    const twp = OpenCC.Converter({ from: 'cn', to: 'twp' });
    const unfolded = LABELS.filter((label) => labelCore(twp(label)) !== labelCore(label));
    expect(unfolded).toEqual(['行政规范性文件']);
    expect(labelCore(twp('一、本年新收政府信息公开申请数量'))).toBe('本年新收政府信息公开申请数量');
  });

  it('knows every variant of a character, whichever the context chose', () => {
    // 复 is 複 in 複議, 復 in 恢復, 覆 in 答覆; 卫 is 衛 in s2t and 衞 in s2hk
    expect([...variantsOf('复')].sort()).toEqual(['復', '複', '覆'].sort());
    expect(variantsOf('卫')).toContain('衞');
    expect(toSimplified('行政復議、行政複議、答覆、衞生')).toBe('行政复议、行政复议、答复、卫生');
    // a word s2twp writes otherwise is folded to the vocabulary's
    expect(toSimplified('政府資訊公開')).toBe('政府信息公开');
    // simplified text is left as it is, and so are characters outside the vocabulary
    expect(toSimplified('本机关全年共收到政府信息公开申请')).toBe('本机关全年共收到政府信息公开申请');
  });
});

describe('raw-text patterns in either script, from the table', () => {
  it('eitherScript turns each character with variants into a class, also inside a class', () => {
    expect(eitherScript('复议')).toBe(`[复${variantsOf('复')}][议議]`);
    expect(eitherScript('[复议]x')).toBe(`[复${variantsOf('复')}议議]x`);
    expect(eitherScript('\\d+件')).toBe('\\d+件');
  });

  it("eitherScriptWords lets a gap into each word, in both scripts and in s2twp's words", () => {
    expect(eitherScriptWords(['复议'], ' *')).toBe(`[复${variantsOf('复')}] *[议議]`);
    const re = new RegExp(`^(?:${eitherScriptWords(['信息内容'], '\\s*')})$`);
    for (const s of ['信息内容', '信息　内容', '資訊內容', '資 訊 內 容']) expect(re.test(s), s).toBe(true);
    expect(re.test('信息')).toBe(false);
    for (const s of ['第二　十條第(一)項①', '信息\u3000內容*', '信\u200b息内容', '规\u00ad章']) expect(TABLE_HINT.test(s), s).toBe(true);
    expect(TABLE_HINT.test('本年制发件数　现行有效件数')).toBe(false);
  });

  it.each(CONVERSIONS)('the prefilters and the first look match text written by OpenCC %s', (_, convert) => {
    for (const s of ['行政复议', '第二十条第（一）项', '信息内容', '收费金额', '采购总金额', '四、结转下年度继续办理'])
      expect(TABLE_HINT.test(convert(s)), convert(s)).toBe(true);
    for (const s of ['本年新收政府信息公开申请数量', '二、主动公开政府信息情况', '（本列数据的勾稽关系为：第一项加第二项之和）'])
      expect(BODY_WORDS.test(convert(s)), convert(s)).toBe(true);
    expect(TITLE_WORDS.test(convert('某区人民政府2023年政府信息公开工作年度报告'))).toBe(true);
    expect(TITLE_WORDS.test(convert('某区人民政府2023年工作报告'))).toBe(false);
  });
});

describe('one label normaliser', () => {
  it('strips units in brackets, footnote marks, invisible characters and every space', () => {
    expect(labelCore('（七）总计（件）')).toBe('总计');
    expect(labelCore('四、结转下年度继续办理（件）')).toBe(labelCore('四、结转下年度继续办理'));
    expect(labelCore('本年收费金额(万元)')).toBe('本年收费金额');
    expect(labelCore('本年收费金额（单位：万元）')).toBe('本年收费金额');
    expect(labelCore('1.属于国家秘密*')).toBe('属于国家秘密');
    expect(labelCore('1.属于国家秘密※')).toBe('属于国家秘密');
    expect(labelCore('1.属于国家秘密①')).toBe('属于国家秘密');
    expect(labelCore('1.属于国家秘密¹')).toBe('属于国家秘密');
    expect(labelCore('①属于国家秘密')).toBe('属于国家秘密');
    expect(labelCore('合　计')).toBe('合计');
    expect(labelCore('合\u200b计\u00ad')).toBe('合计');
    expect(labelCore('\ufeff自然\u2060人\u200d')).toBe('自然人');
    // words in brackets are not a unit
    expect(labelCore('（二）部分公开（区分处理的）')).toBe('部分公开(区分处理的)');
  });

  it('norm and squash drop invisible characters too', () => {
    expect(norm('申\u200b请')).toBe('申请');
    expect(squash(' 1\u200b2 \u3000件 ')).toBe('12 件');
  });
});
