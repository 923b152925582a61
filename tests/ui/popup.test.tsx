import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupProps } from '../../components/Popup';
import type { ReportRecord } from '../../lib';
import { emptyListing, type Listing, RECORD_PREFIX, summarize } from '../../utils/history';
import { reportIdentity } from '../../utils/history/identity';
import { setLang } from '../../utils/i18n';
import { failedRecord, fixtureRecord } from './helpers';

let typo: ReportRecord;
let y2022: ReportRecord;
let root: HTMLElement;

beforeAll(async () => {
  [typo, y2022] = await Promise.all([fixtureRecord('typo-suspect.html'), fixtureRecord('cross-year-2022.html')]);
});

afterEach(() => {
  render(null, root);
  root.remove();
  setLang('zh_CN');
});

/** A history entry as the popup gets it: the record's summary from the index. */
const entry = (record: ReportRecord) => summarize(record);
const listing = (over: Partial<Listing> = {}): Listing => ({ ...emptyListing(), entries: [entry(typo), entry(y2022)], ...over });

function show(over: Partial<PopupProps> = {}): PopupProps {
  root = document.createElement('div');
  document.body.append(root);
  const props: PopupProps = {
    current: { kind: 'report', record: typo, shown: true },
    site: { state: 'always', host: 'www.gulou.gov.cn' },
    history: listing(),
    query: '',
    lang: 'zh_CN',
    onExport: vi.fn(),
    onCopy: vi.fn(),
    onShowPanel: vi.fn(),
    onSite: vi.fn(),
    onQuery: vi.fn(),
    onOpen: vi.fn(),
    onExportEntry: vi.fn(),
    onDelete: vi.fn(),
    onExportAll: vi.fn(),
    onExportAside: vi.fn(),
    onDeleteAside: vi.fn(),
    onLang: vi.fn(),
    ...over,
  };
  act(() => render(<Popup {...props} />, root));
  return props;
}

/** A button by its accessible name (its aria-label, else its text), as a screen reader and Playwright see it. */
const button = (name: string) =>
  Array.from(root.querySelectorAll('button')).filter((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);

describe('the current tab', () => {
  it('gives the verdict at a glance', () => {
    show();
    expect(root.querySelector('.verdict')?.getAttribute('data-tone')).toBe('error');
    expect(root.querySelector('.verdict-text')?.textContent).toBe('发现 2 处错误');
  });

  it('says when there was nothing to check, rather than “no problems”', async () => {
    show({ current: { kind: 'report', record: await fixtureRecord('pre2019-report.html'), shown: true } });
    expect(root.querySelector('.verdict')?.getAttribute('data-tone')).toBe('na');
    expect(root.querySelector('.verdict-text')?.textContent).toBe('没有能核对的数字');
  });

  it('has one button named 导出 JSON, which exports the current record', () => {
    const p = show();
    const [exportJson, ...others] = button('导出 JSON');
    expect(others).toHaveLength(0);
    act(() => exportJson?.click());
    expect(p.onExport).toHaveBeenCalledWith(typo, 'json');
    act(() => button('导出 CSV')[0]?.click());
    expect(p.onExport).toHaveBeenLastCalledWith(typo, 'csv');
    act(() => button('复制表格')[0]?.click());
    expect(p.onCopy).toHaveBeenCalledWith(typo);
  });

  it('offers the panel again after it was closed', () => {
    const p = show({ current: { kind: 'report', record: typo, shown: false } });
    act(() => button('在页面上重新显示面板')[0]?.click());
    expect(p.onShowPanel).toHaveBeenCalledOnce();
  });

  it.each([
    ['none', '这个页面不是政府信息公开工作年度报告。'],
    ['searching', '正在等待页面加载报告正文……'],
    ['inactive', '年报核查没有在这个网站上运行。'],
  ] as const)('says what it found when the tab is %s', (kind, message) => {
    show({ current: { kind } });
    expect(root.querySelector('.status')?.textContent).toBe(message);
    expect(button('导出 JSON')).toHaveLength(0);
  });
});

describe('the site switch', () => {
  it('is a switch for a site that is not gov.cn', () => {
    const p = show({ site: { state: 'off', host: 'www.example.org' } });
    const input = root.querySelector('input[role="switch"]') as HTMLInputElement;
    expect(input.checked).toBe(false);
    expect(root.querySelector('.switch')?.textContent).toContain('www.example.org');
    act(() => input.click());
    expect(p.onSite).toHaveBeenCalledWith(true);
  });

  it('is no switch on gov.cn, where checking is always on', () => {
    show();
    expect(root.querySelector('input[role="switch"]')).toBeNull();
    expect(root.querySelector('.site')?.textContent).toContain('*.gov.cn');
  });
});

describe('the history', () => {
  it('lists every record, each re-openable, exportable and deletable', () => {
    const p = show();
    expect(Array.from(root.querySelectorAll('.entry-name')).map((e) => e.textContent)).toEqual([
      '鼓楼区自然资源和规划局',
      '金华市人民政府办公室',
    ]);
    const name = '金华市人民政府办公室 2022';
    act(() => button(`打开：${name}`)[0]?.click());
    expect(p.onOpen).toHaveBeenCalledWith(entry(y2022));
    act(() => button(`导出 JSON：${name}`)[0]?.click());
    expect(p.onExportEntry).toHaveBeenCalledWith(entry(y2022), 'json');
    act(() => button(`删除：${name}`)[0]?.click());
    expect(p.onDelete).toHaveBeenCalledWith(entry(y2022));
    act(() => button('全部导出 CSV')[0]?.click());
    expect(p.onExportAll).toHaveBeenCalledWith('csv');
  });

  it('filters by agency and year', () => {
    show({ query: '金华 2022' });
    expect(Array.from(root.querySelectorAll('.entry-name')).map((e) => e.textContent)).toEqual(['金华市人民政府办公室']);
    render(null, root);
    show({ query: '没有这个' });
    expect(root.querySelector('.history .status')?.textContent).toBe('没有符合的记录。');
  });

  it('shows entries it could not read, kept and exportable', () => {
    const aside = [
      {
        key: 'nianbao:aside:http://x.gov.cn/a',
        from: `${RECORD_PREFIX}http://x.gov.cn/a`,
        kind: 'unreadable' as const,
        reason: 'findings: expected array',
        at: '',
        value: 1,
      },
    ];
    const p = show({ history: listing({ entries: [], aside }) });
    expect(root.querySelector('.aside')?.textContent).toContain('有 1 条数据另行保留（原样保存，没有删除）');
    expect(root.querySelector('.aside li')?.textContent).toContain('无法读取');
    act(() => button('导出另行保留的原始数据')[0]?.click());
    expect(p.onExportAside).toHaveBeenCalledWith(aside);
  });

  it('switches the interface language', () => {
    const p = show();
    const select = root.querySelector('.lang select') as HTMLSelectElement;
    expect(select.value).toBe('zh_CN');
    act(() => {
      select.value = 'en';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(p.onLang).toHaveBeenCalledWith('en');
  });
});

describe('verdicts, dates, failures and the undo', () => {
  const at = '2026-03-01T10:00:00.000Z';

  it('counts the person’s verdicts on the current report (「已确认 3 · 已排除 1」), only on its findings', () => {
    const [a, b] = typo.findings.filter((f) => f.status === 'fail');
    show({
      reviews: {
        [a?.id as string]: { status: 'confirmed', at },
        [b?.id as string]: { status: 'dismissed', note: '页面已更正', at },
        'gone.finding:x': { status: 'confirmed', at },
      },
    });
    expect(root.querySelector('.verdict .reviewed')?.textContent).toBe('已确认 1 · 已排除 1');
    render(null, root);
    show({ reviews: {} });
    expect(root.querySelector('.verdict .reviewed')).toBeNull();
  });

  it('shows both dates and the verdicts of each history entry', () => {
    const published = { ...typo, source: { ...typo.source, publishedAt: '2024-01-20' } };
    show({
      history: listing({
        entries: [entry(published), entry(y2022)],
        reviews: { [reportIdentity(published)]: { confirmed: 3, dismissed: 1 } },
      }),
    });
    const [first, second] = Array.from(root.querySelectorAll('.entry-meta')).map((e) => e.textContent);
    expect(first).toBe('2023 年度 · 发布 2024-01-20 · 读取 2024-03-01 · 已确认 3 · 已排除 1');
    expect(second).toBe(
      `2022 年度 · ${y2022.source.publishedAt ? `发布 ${y2022.source.publishedAt.slice(0, 10)}` : '发布日期不明'} · 读取 2024-03-01`,
    );
  });

  it('says in English, with plurals and no abbreviations, what the history and the verdict hold', () => {
    setLang('en');
    const one = {
      ...y2022,
      findings: [{ ...(typo.findings.find((f) => f.status === 'fail') as (typeof typo.findings)[number]), severity: 'error' as const }],
    };
    show({ history: listing({ entries: [entry(typo), entry(one)], reviews: { [reportIdentity(typo)]: { confirmed: 2, dismissed: 0 } } }) });
    const counts = Array.from(root.querySelectorAll('.entry-counts')).map((e) => e.textContent);
    expect(counts).toEqual(['2 errors0 warnings', '1 error0 warnings']);
    expect(root.querySelector('.verdict-text')?.textContent).toBe('2 errors found');
    expect(Array.from(root.querySelectorAll('.tally li')).map((li) => li.textContent)).toEqual([
      '2 errors',
      expect.stringMatching(/^\d+ warnings?$/),
      expect.stringMatching(/^\d+ hints?$/),
      expect.stringMatching(/^\d+ passed$/),
    ]);
    expect(root.querySelector('.entry-meta')?.textContent).toMatch(
      /^Year 2023 · published 2024-01-21 · read 2024-03-01 · 2 confirmed · 0 dismissed$/,
    );
    // Nothing of ours in Chinese (the reports' own names, the language switch and the quoted page text aside).
    const ours = Array.from(
      root.querySelectorAll('button, .card-title, .verdict-text, .tally, .entry-meta, .entry-counts, .status, .privacy'),
    )
      .map((e) => e.getAttribute('aria-label')?.replace(/：.*$/, '') ?? e.textContent ?? '')
      .join(' ');
    expect(ours).not.toMatch(/[\u4e00-\u9fff]/);
    expect(ours).not.toMatch(/\b(err|warn)\b/);
  });

  it('says plainly when the page could not be checked, and why', () => {
    const failed = failedRecord(typo.source.url, 'RangeError: Maximum call stack size exceeded');
    show({ current: { kind: 'failed', record: failed } });
    expect(root.querySelector('.verdict.failed .verdict-text')?.textContent).toBe('没能核查这个页面');
    expect(root.querySelector('.failed-reason')?.textContent).toBe('出错原因：RangeError: Maximum call stack size exceeded');
    expect(root.querySelector('[role="alert"]')).not.toBeNull();
    expect(button('导出 JSON')).toHaveLength(0);
    render(null, root);
    show({ current: { kind: 'failed', record: null } });
    expect(root.querySelector('.failed-hint')?.textContent).toContain('年报核查没能在页面上运行');
  });

  it('offers 撤销 in a toast after a deletion', () => {
    const onUndo = vi.fn();
    show({ toast: { text: '已删除「金华市人民政府办公室 2022」。', undo: true }, onUndo });
    expect(root.querySelector('.toast')?.textContent).toBe('已删除「金华市人民政府办公室 2022」。撤销');
    act(() => button('撤销')[0]?.click());
    expect(onUndo).toHaveBeenCalledOnce();
  });

  it('exports the findings beside the tables, for the current page and each entry and everything', () => {
    const p = show();
    act(() => button('导出问题清单')[0]?.click());
    expect(p.onExport).toHaveBeenCalledWith(typo, 'findings');
    act(() => button('导出问题清单：金华市人民政府办公室 2022')[0]?.click());
    expect(p.onExportEntry).toHaveBeenCalledWith(entry(y2022), 'findings');
    act(() => button('全部导出问题清单')[0]?.click());
    expect(p.onExportAll).toHaveBeenCalledWith('findings');
  });

  it('shows an export of everything under way, its buttons held until it is done', () => {
    show({ exporting: { done: 1200, total: 5000 } });
    expect(root.querySelector('.history .progress')?.textContent).toBe('正在导出：1200 / 5000 条……');
    expect((button('全部导出 JSON')[0] as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('the way to the workbench', () => {
  it('shows the whole history in the workbench when asked, and only where it can', () => {
    const onOpenWorkbench = vi.fn();
    show({ onOpenWorkbench });
    const [open] = button('在工作台中查看');
    act(() => open?.click());
    expect(onOpenWorkbench).toHaveBeenCalledTimes(1);
    render(null, root);
    root.remove();
    show();
    expect(button('在工作台中查看')).toHaveLength(0);
  });
});
