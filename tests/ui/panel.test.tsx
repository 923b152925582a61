import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MarkTip, markLabel } from '../../components/MarkTip';
import { Panel, type PanelProps } from '../../components/Panel';
import type { ReportRecord } from '../../lib';
import { markSpecs } from '../../utils/findings';
import { setLang } from '../../utils/i18n';
import { fixtureRecord } from './helpers';

let typo: ReportRecord;
let clean: ReportRecord;
let root: HTMLElement;

beforeAll(async () => {
  [typo, clean] = await Promise.all([fixtureRecord('typo-suspect.html'), fixtureRecord('iframe-body-inner.html')]);
});

afterEach(() => {
  render(null, root);
  root?.remove();
  setLang('zh_CN');
});

function show(over: Partial<PanelProps> & { record: ReportRecord }) {
  root = document.createElement('div');
  document.body.append(root);
  const props: PanelProps = { collapsed: false, theme: 'light', onToggle: vi.fn(), onClose: vi.fn(), onLocate: vi.fn(), ...over };
  act(() => render(<Panel {...props} />, root));
  return props;
}

const text = (sel: string) => root.querySelector(sel)?.textContent ?? '';

describe('the panel', () => {
  it('says what was detected: agency, year, format version', () => {
    show({ record: typo });
    expect(text('.report-line')).toBe('鼓楼区自然资源和规划局 · 2023 年度 · 格式 2021 版');
  });

  it('counts findings by severity', () => {
    show({ record: typo });
    const counts = Object.fromEntries(
      Array.from(root.querySelectorAll('.tally-verbose li')).map((li) => [li.getAttribute('data-tone'), li.getAttribute('data-count')]),
    );
    expect(counts).toEqual({
      error: '2',
      warning: '0',
      info: '0',
      na: '0',
      pass: String(typo.findings.filter((f) => f.status === 'pass').length),
    });
  });

  it('groups findings by table, with the formula, both sides, the difference and the suspect', () => {
    show({ record: typo });
    const groups = Array.from(root.querySelectorAll('.group')).map((g) => g.getAttribute('data-group'));
    expect(groups[0]).toBe('applications');
    const item = root.querySelector('.finding[data-finding-id="t3.rowTotal:withheld.thirdParty"]') as HTMLElement;
    expect(item.getAttribute('data-status')).toBe('fail');
    expect(item.textContent).toContain('总计 = 自然人 + 商业企业');
    expect(item.querySelector('.finding-msg')?.textContent).toBe('总计 4 · 六类申请人之和 7 · 相差 −3');
    expect(item.querySelector('.finding-suspect')?.textContent).toContain('4.保护第三方合法权益 / 商业企业');
    expect(item.querySelector('.finding-suspect')?.textContent).toContain('若改为 2');
  });

  it('keeps passed checks folded, and shows the derived figures and how the page was read', () => {
    show({ record: typo, marks: { shown: 28, lost: 1 } });
    const passed = root.querySelector('.group[data-group="applications"] details.more') as HTMLDetailsElement;
    expect(passed.open).toBe(false);
    expect(passed.querySelector('summary')?.textContent).toContain('通过的检查');
    expect(text('.derived-row[data-key="disclosureRate"]')).toContain('49.0%');
    expect(text('.derived-row[data-key="disclosureRate"]')).toContain('(25 / 51)');
    const reading = text('.reading');
    expect(reading).toContain(`找到 ${typo.reading?.tablesFound} 张统计表`);
    expect(reading).toContain(`读取 ${typo.reading?.cellsRead} 个单元格`);
    expect(reading).toContain('页面上标出了 28 个单元格');
    expect(reading).toContain('1 个标记的单元格');
  });

  it('says so when nothing failed', () => {
    show({ record: clean });
    expect(text('.all-clear')).toBe('没有发现问题。');
    expect(root.querySelectorAll('.finding[data-status="fail"]')).toHaveLength(0);
  });

  it('does not say "no problems" when nothing could be checked, and shows why', async () => {
    show({ record: await fixtureRecord('pre2019-report.html') });
    expect(root.querySelector('.all-clear')).toBeNull();
    expect(text('.nothing-checked')).toBe('没有能核对的数字，原因见下。');
    const why = root.querySelector('details.more') as HTMLDetailsElement;
    expect(why.open).toBe(true);
    expect(why.textContent).toContain('早于 2019 年的统一格式');
  });

  it('locates a finding’s cells on click, and folds on Escape', () => {
    const props = show({ record: typo });
    const button = root.querySelector('.finding[data-finding-id="t3.resultsSum:commercial"] button.finding-main') as HTMLButtonElement;
    act(() => button.click());
    expect(props.onLocate).toHaveBeenCalledWith(typo.findings.find((f) => f.id === 't3.resultsSum:commercial'));
    act(() => {
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(props.onToggle).toHaveBeenCalledOnce();
  });

  it('folds into a pill with the counts, announced as collapsed', () => {
    const props = show({ record: typo, collapsed: true });
    const pill = root.querySelector('button.pill') as HTMLButtonElement;
    expect(pill.getAttribute('aria-expanded')).toBe('false');
    expect(pill.textContent).toContain('2 错误');
    expect(root.querySelector('.panel')).toBeNull();
    act(() => pill.click());
    expect(props.onToggle).toHaveBeenCalledOnce();
  });

  it('has labelled controls for the keyboard', () => {
    const props = show({ record: typo });
    const buttons = Array.from(root.querySelectorAll('.panel-head button'));
    expect(buttons.map((b) => b.textContent?.trim())).toEqual([expect.stringContaining('收起面板'), expect.stringContaining('关闭')]);
    expect(buttons[0]?.getAttribute('aria-expanded')).toBe('true');
    act(() => (buttons[1] as HTMLButtonElement).click());
    expect(props.onClose).toHaveBeenCalledOnce();
  });

  it('speaks English when asked', () => {
    setLang('en');
    show({ record: typo });
    expect(text('.report-line')).toBe('鼓楼区自然资源和规划局 · Year 2023 · 2021 template');
    expect(text('.finding[data-finding-id="t3.rowTotal:withheld.thirdParty"] .finding-msg')).toBe(
      '总计 4 · 六类申请人之和 7 · difference −3',
    );
  });
});

describe('the tooltip of a mark', () => {
  it('names the cell, what it shows, and each failure with both sides', () => {
    root = document.createElement('div');
    document.body.append(root);
    const spec = markSpecs(typo.findings).get('applications|withheld.thirdParty|commercial');
    expect(spec?.suspect).toBe(true);
    if (!spec) return;
    act(() => render(<MarkTip record={typo} mark={spec} />, root));
    expect(text('.tip-cell')).toContain('表三 「4.保护第三方合法权益 / 商业企业」');
    expect(text('.tip-cell')).toContain('页面上写「5」');
    expect(text('.tip-suspect')).toContain('若为 2');
    expect(Array.from(root.querySelectorAll('.tip-sides')).map((e) => e.textContent)).toEqual([
      '总计 4 · 六类申请人之和 7 · 相差 −3',
      '（七）总计 6 · 各项办理结果之和 9 · 相差 −3',
    ]);
    expect(markLabel(typo, spec)).toContain('最可能的错处');
  });
});
