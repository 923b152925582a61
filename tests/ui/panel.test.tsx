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
    expect(root.querySelector('.verdict')?.getAttribute('data-verdict')).toBe('clean');
    expect(text('.verdict-found')).toBe('没有发现问题。');
    expect(root.querySelectorAll('.finding[data-status="fail"]')).toHaveLength(0);
  });

  it('does not say "no problems" when nothing could be checked, and shows why', async () => {
    show({ record: await fixtureRecord('pre2019-report.html') });
    expect(root.querySelector('.verdict')?.getAttribute('data-verdict')).toBe('nothing');
    expect(text('.verdict-found')).toBe('没有能核对的数字，原因见下。');
    const why = root.querySelector('details.more') as HTMLDetailsElement;
    expect(why.open).toBe(true);
    expect(why.textContent).toContain('早于 2019 年的统一格式');
  });

  it('never calls a report with a missing table "all well": it says what could not be checked', () => {
    const { reviewLitigation: _gone, ...tables } = clean.tables;
    const record: ReportRecord = {
      ...clean,
      tables,
      findings: [
        ...clean.findings.filter((f) => f.rule !== 't4.total'),
        {
          id: 't4.total:reviewLitigation',
          rule: 't4.total',
          status: 'na',
          severity: 'error',
          message: '未找到表四，无法核对。',
          cells: [],
        },
      ],
    };
    show({ record });
    expect(root.querySelector('.verdict')?.getAttribute('data-verdict')).toBe('partial');
    expect(text('.verdict-unchecked')).toBe('无法核对：表四（页面上没有找到，1 项检查没有进行）。');
    const group = root.querySelector('.group[data-group="reviewLitigation"] details.more') as HTMLDetailsElement;
    expect(group.open).toBe(true);
  });

  it('takes a person’s verdict on a finding, keeps a dismissed one visible, and counts them', async () => {
    const onReview = vi.fn();
    const onCopy = vi.fn(async () => true);
    const reviews = {
      't3.rowTotal:withheld.thirdParty': { status: 'confirmed' as const, at: '2024-03-02T08:00:00.000Z', note: '核对原件' },
      't3.resultsSum:commercial': { status: 'dismissed' as const, at: '2024-03-02T08:00:00.000Z' },
    };
    show({ record: typo, reviews, onReview, onCopy });
    expect(text('.verdict-reviews')).toContain('已确认 1 · 已排除 1');
    const dismissed = root.querySelector('.finding[data-finding-id="t3.resultsSum:commercial"]') as HTMLElement;
    expect(dismissed.getAttribute('data-review')).toBe('dismissed');
    expect(dismissed.querySelector('.review-badge')?.textContent).toBe('已排除');
    act(() => (root.querySelector('[data-action="cite-all"]') as HTMLButtonElement).click());
    const all = (onCopy.mock.calls[0] as unknown as [string])[0];
    expect(all).toContain('鼓楼区自然资源和规划局《2023 年度政府信息公开工作年度报告》');
    expect(all).toContain('1. 「（三）不予公开 / 4.保护第三方合法权益」行');
    expect(all).toContain('备注：核对原件');
    expect(all).toContain(`来源：${typo.source.url}，读取于 2024-03-01。`);
    expect(all).not.toContain('商业企业」列');
    render(null, root);
    show({ record: typo, reviews: {}, onReview, onCopy });
    act(() =>
      (root.querySelector('.finding[data-finding-id="t3.resultsSum:commercial"] [data-action="dismiss"]') as HTMLButtonElement).click(),
    );
    expect(onReview).toHaveBeenCalledWith(
      expect.objectContaining({ id: 't3.resultsSum:commercial' }),
      expect.objectContaining({ status: 'dismissed' }),
    );
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
    expect(pill.textContent).toContain('2 个错误');
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

  it('offers the docks and a skip to the marks, first for the keyboard', () => {
    const onDock = vi.fn();
    const onSkip = vi.fn();
    show({ record: typo, onDock, onSkip, dock: 'left', marks: { shown: 9, lost: 0 } });
    const first = root.querySelector('.panel button') as HTMLButtonElement;
    expect(first.getAttribute('data-skip')).toBe('');
    expect(first.textContent).toBe('跳到页面上标出的单元格（9）');
    act(() => first.click());
    expect(onSkip).toHaveBeenCalledOnce();
    const pressed = Array.from(root.querySelectorAll('[data-dock-to]')).map((b) => [
      b.getAttribute('data-dock-to'),
      b.getAttribute('aria-pressed'),
    ]);
    expect(pressed).toEqual([
      ['left', 'true'],
      ['right', 'false'],
      ['bottom', 'false'],
    ]);
    act(() => (root.querySelector('[data-dock-to="bottom"]') as HTMLButtonElement).click());
    expect(onDock).toHaveBeenCalledWith('bottom');
  });

  it('shows last year beside this year, or how to get it', async () => {
    const now = await fixtureRecord('cross-year-2023.html');
    const before = await fixtureRecord('cross-year-2022.html');
    show({ record: now, previous: before });
    const row = root.querySelector('.last-year tr[data-key="newReceived"]') as HTMLElement;
    const cells = Array.from(row.querySelectorAll('td')).map((c) => c.textContent);
    const a = before.tables.applications?.newReceived?.total?.value as number;
    const b = now.tables.applications?.newReceived?.total?.value as number;
    expect(cells).toEqual([String(a), String(b), (b - a > 0 ? '+' : '') + String(b - a).replace('-', '−')]);
    expect(root.querySelector('.last-year a')?.getAttribute('href')).toBe(before.source.url);
    render(null, root);
    show({ record: now, previous: null });
    expect(text('.last-year')).toBe('打开本机关 2022 年度的报告一次，这里也会进行跨年核对。');
  });

  it('speaks English when asked', () => {
    setLang('en');
    show({ record: typo });
    expect(text('.report-line')).toBe('鼓楼区自然资源和规划局 · Year 2023 · 2021 template');
    expect(text('.finding[data-finding-id="t3.rowTotal:withheld.thirdParty"] .finding-msg')).toBe(
      'Total 4 · sum of the six applicant types 7 · difference −3',
    );
    expect(text('.tally-verbose [data-tone="error"]')).toBe('2 errors');
    expect(text('.verdict-found')).toBe('Found: 2 errors.');
    // Nothing of ours in Chinese: only the page's own words (the agency, quotes) are.
    const ours = Array.from(root.querySelectorAll('*'))
      .flatMap((el) => Array.from(el.childNodes))
      .filter((n) => n.nodeType === 3 && !(n.parentElement as Element).closest('[data-page]'))
      .map((n) => n.textContent)
      .join('');
    expect(ours).not.toMatch(/[\u3400-\u9fff]/);
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
