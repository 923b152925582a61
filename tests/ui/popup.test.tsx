import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Popup, type PopupProps } from '../../components/Popup';
import type { ReportRecord } from '../../lib';
import { RECORD_PREFIX, summarize } from '../../utils/history';
import { fixtureRecord } from './helpers';

let typo: ReportRecord;
let y2022: ReportRecord;
let root: HTMLElement;

beforeAll(async () => {
  [typo, y2022] = await Promise.all([fixtureRecord('typo-suspect.html'), fixtureRecord('cross-year-2022.html')]);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

/** A history entry as the popup gets it: the record's summary from the index. */
const entry = (record: ReportRecord) => summarize(record);

function show(over: Partial<PopupProps> = {}): PopupProps {
  root = document.createElement('div');
  document.body.append(root);
  const props: PopupProps = {
    current: { kind: 'report', record: typo, shown: true },
    site: { state: 'always', host: 'www.gulou.gov.cn' },
    history: { entries: [entry(typo), entry(y2022)], aside: [] },
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
        reason: 'findings: expected array',
        at: '',
        value: 1,
      },
    ];
    const p = show({ history: { entries: [], aside } });
    expect(root.querySelector('.aside')?.textContent).toContain('有 1 条记录无法读取');
    act(() => button('导出无法读取的原始数据')[0]?.click());
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
