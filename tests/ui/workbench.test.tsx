/**
 * The workbench's views and its table's pure part: rows from a run and from the history, sorted
 * and filtered; the CSV (BOM, Chinese header, formulas neutralised, rates as fractions); the table
 * drawing only the rows in view of 5,000, its filter, sort and choice feeding the exports; the
 * chart's bars; the progress line's counts and time left; the failed list's actions.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Chart } from '../../components/workbench/Chart';
import { Failed } from '../../components/workbench/Failed';
import { Progress } from '../../components/workbench/Progress';
import { Table } from '../../components/workbench/Table';
import { INDEX_KEY, listHistory, needsRepair, repairHistory, saveRecord } from '../../utils/history';
import { packFigures, type RecordSummary, summaryFigures } from '../../utils/history/summary';
import { setLang } from '../../utils/i18n';
import { filterRows, historyRows, type Row, runRows, sortRows, tableCsv } from '../../utils/workbench/rows';
import { type RunState, timeLeftMs } from '../../utils/workbench/state';
import { fixtureRecord } from './helpers';

const summary = (i: number, over: Partial<RecordSummary> = {}): RecordSummary => ({
  key: `nianbao:report:report:机关${i}|2023`,
  url: `http://www.x.gov.cn/nb/${i}.html`,
  title: `第${i}号机关2023年政府信息公开工作年度报告`,
  agency: `第${i}号机关`,
  year: 2023,
  capturedAt: '2024-03-01T08:00:00.000Z',
  publishedAt: '2024-01-20',
  counts: { error: i % 3, warning: 0, info: 0, na: 0, pass: 10 },
  figures: packFigures({ newReceived: i * 10, totalProcessed: i * 9, carriedForward: i, disclosureRate: i / 100 }),
  ...over,
});

const run = (over: Partial<RunState> = {}): RunState => ({
  version: 1,
  target: { listing: 'http://www.x.gov.cn/nb/index.html', year: 2023, follow: true },
  delayMs: 2000,
  phase: 'running',
  pages: [
    { url: 'http://www.x.gov.cn/nb/index.html' },
    {
      url: 'http://www.x.gov.cn/nb/index_1.html',
      why: '无法获取这个页面：服务器返回 HTTP 500',
      finding: {
        id: 'source.fetch:status',
        rule: 'source.fetch',
        status: 'na',
        severity: 'error',
        message: '无法获取这个页面：服务器返回 HTTP 500',
        cells: [],
        actual: 500,
      },
    },
  ],
  items: [
    { url: 'http://www.x.gov.cn/nb/1.html', title: '一号', state: 'done', key: summary(1).key, ms: 400 },
    {
      url: 'http://www.x.gov.cn/nb/2.html',
      title: '二号',
      state: 'failed',
      why: '无法获取这个页面：服务器返回 HTTP 404',
      reason: 'source.fetch:status',
      finding: {
        id: 'source.fetch:status',
        rule: 'source.fetch',
        status: 'na',
        severity: 'error',
        message: '无法获取这个页面：服务器返回 HTTP 404',
        cells: [],
        actual: 404,
      },
      ms: 600,
    },
    { url: 'http://www.x.gov.cn/nb/3.html', title: '三号', state: 'pending' },
    { url: 'http://www.x.gov.cn/nb/4.html', title: '四号', state: 'pending' },
  ],
  startedAt: '2024-03-01T08:00:00.000Z',
  updatedAt: '2024-03-01T08:00:10.000Z',
  ...over,
});

/** Where a view is drawn, in Chinese unless a test says otherwise. */
let root: HTMLElement;
beforeEach(() => {
  setLang('zh_CN');
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('rows', () => {
  it('give a run its items in listing order, a kept one with its summary', () => {
    const rows = runRows(run(), new Map([[summary(1).key, summary(1)]]));
    expect(rows.map((r) => [r.title, r.state, r.figures.newReceived ?? null])).toEqual([
      ['一号', 'done', 10],
      ['二号', 'failed', null],
      ['三号', 'pending', null],
      ['四号', 'pending', null],
    ]);
    expect(rows[0]?.key).toBe(summary(1).key);
  });

  it('keep figures packed in the index, and read them back by name', () => {
    const packed = packFigures({ newReceived: 12, carriedForward: 0, withheldRate: 0.25 });
    expect(packed).toEqual([12, null, 0, null, 0.25]);
    expect(summaryFigures({ figures: packed })).toEqual({ newReceived: 12, carriedForward: 0, withheldRate: 0.25 });
    expect(summaryFigures({})).toEqual({});
  });

  it('sort with the rows lacking the value last, whichever way', () => {
    const rows = [...historyRows([summary(2), summary(5), summary(1)]), ...runRows(run(), new Map()).slice(1, 2)];
    expect(sortRows(rows, { key: 'newReceived', desc: true }).map((r) => r.figures.newReceived ?? null)).toEqual([50, 20, 10, null]);
    expect(sortRows(rows, { key: 'newReceived', desc: false }).map((r) => r.figures.newReceived ?? null)).toEqual([10, 20, 50, null]);
  });

  it('filter by words, year and verdict', () => {
    const rows = historyRows([summary(1), summary(2), summary(3, { year: 2022 }), summary(12)]);
    expect(filterRows(rows, { query: '第1' }).map((r) => r.agency)).toEqual(['第1号机关', '第12号机关']);
    expect(filterRows(rows, { query: '', year: 2022 }).map((r) => r.agency)).toEqual(['第3号机关']);
    expect(filterRows(rows, { query: '', only: 'errors' }).map((r) => r.agency)).toEqual(['第1号机关', '第2号机关']);
  });

  it('write CSV with the BOM, rates as fractions, and formulas neutralised', () => {
    const csv = tableCsv(historyRows([summary(4, { agency: '=HYPERLINK("http://evil")' })]));
    const [head, line] = csv.split('\r\n');
    expect(head).toBe(
      '\ufeff发布机关,年度,标题,状态,错误,警告,无法核查,本年新收,办结总计,结转下年度,公开率,不予公开率,复议纠错率,争议转化率,发布日期,核查时间,链接,说明',
    );
    expect(line).toBe(
      `"'=HYPERLINK(""http://evil"")",2023,第4号机关2023年政府信息公开工作年度报告,已核查,1,0,0,40,36,4,0.04,,,,2024-01-20,2024-03-01T08:00:00.000Z,http://www.x.gov.cn/nb/4.html,`,
    );
  });
});

describe('the table', () => {
  const draw = (rows: Row[], spies = { csv: vi.fn(), json: vi.fn() }) => {
    act(() =>
      render(
        <Table
          rows={rows}
          label="t"
          onOpen={() => undefined}
          onTrend={() => undefined}
          onExportCsv={spies.csv}
          onExportJson={spies.json}
        />,
        root,
      ),
    );
    return spies;
  };
  const bodyRows = () => [...root.querySelectorAll('tbody tr[data-url]')];

  it('draws only the rows in view of 5,000, and says how many it holds', () => {
    draw(historyRows(Array.from({ length: 5000 }, (_, i) => summary(i))));
    expect(bodyRows().length).toBeLessThan(40);
    expect(root.querySelector('.wb-count')?.textContent).toBe('显示 5000 / 5000 份');
    // The scroll height stands for every row.
    const gaps = [...root.querySelectorAll('tr.wb-gap')].map((g) => Number.parseInt((g as HTMLElement).style.height, 10));
    expect(gaps.reduce((a, b) => a + b, 0) + bodyRows().length * 36).toBe(5000 * 36);
  });

  it('filters and sorts, and exports the rows chosen', () => {
    const spies = draw(historyRows([summary(1), summary(2), summary(3)]));
    const input = root.querySelector('input[type=search]') as HTMLInputElement;
    act(() => {
      input.value = '第2';
      input.dispatchEvent(new Event('input'));
    });
    expect(bodyRows().map((r) => r.getAttribute('data-url'))).toEqual(['http://www.x.gov.cn/nb/2.html']);
    act(() => {
      input.value = '';
      input.dispatchEvent(new Event('input'));
    });
    const sortNew = [...root.querySelectorAll('thead button.wb-sort')].find((b) =>
      b.textContent?.startsWith('本年新收'),
    ) as HTMLButtonElement;
    act(() => sortNew.click());
    expect(bodyRows().map((r) => r.querySelectorAll('td')[5]?.textContent)).toEqual(['30', '20', '10']);
    expect(sortNew.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    const boxes = bodyRows().map((r) => r.querySelector('input[type=checkbox]') as HTMLInputElement);
    act(() => boxes[0]?.click());
    act(() => boxes[2]?.click());
    const exportCsv = [...root.querySelectorAll('.wb-tools button')].find((b) => b.textContent?.includes('CSV')) as HTMLButtonElement;
    expect(exportCsv.textContent).toBe('导出所选 2 份（CSV）');
    act(() => exportCsv.click());
    const exported = spies.csv.mock.calls[0]?.[0] as Row[];
    expect(exported.map((r) => r.agency)).toEqual(['第3号机关', '第1号机关']);
  });

  it('shows rates as percentages and a missing figure as a dash', () => {
    draw(historyRows([summary(7)]));
    const cells = [...(bodyRows()[0]?.querySelectorAll('td') ?? [])].map((c) => c.textContent);
    expect(cells.slice(1, 10)).toEqual(['2023', '1', '0', '0', '70', '63', '7', '7.0%', '—']);
  });
});

describe('the chart, the progress and the failed list', () => {
  it('draws a bar per report with the figure, the highest first', () => {
    const rows = historyRows([summary(2), summary(9), summary(4)]);
    act(() =>
      render(<Chart rows={rows} figure="disclosureRate" onFigure={() => undefined} trend={null} onCloseTrend={() => undefined} />, root),
    );
    expect([...root.querySelectorAll('.wb-bar-value')].map((t) => t.textContent)).toEqual(['9.0%', '4.0%', '2.0%']);
    expect(root.querySelector('svg')?.getAttribute('aria-label')).toBe('公开率：最高的 3 份（共 3 份有此数据）');
  });

  it('counts the run, and reckons the time left from the delay and what reports took', () => {
    const state = run();
    // Two left, each the 2 s delay and the 0.5 s the first two took beyond it.
    expect(timeLeftMs(state)).toBe(5000);
    act(() =>
      render(
        <Progress
          run={state}
          going={true}
          onPause={() => undefined}
          onResume={() => undefined}
          onCancel={() => undefined}
          onRestart={() => undefined}
          onDelay={() => undefined}
        />,
        root,
      ),
    );
    expect(root.querySelector('.wb-counts')?.textContent).toBe('正在核查 · 已核查 1 · 未能获取 1 · 非年报 0 · 待核查 2 · 约剩 5 秒');
    expect(root.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow')).toBe('2');
  });

  it('lists what failed with why; a report opens in a tab', () => {
    const openTab = vi.fn();
    act(() => render(<Failed run={run()} onOpenTab={openTab} onRetry={() => undefined} />, root));
    expect([...root.querySelectorAll('.wb-failed-why')].map((p) => p.textContent)).toEqual([
      '无法获取这个页面：服务器返回 HTTP 500',
      '无法获取这个页面：服务器返回 HTTP 404',
    ]);
    act(() => (root.querySelector('li[data-url] button.primary') as HTMLButtonElement).click());
    expect(openTab.mock.calls[0]?.[0]).toMatchObject({ url: 'http://www.x.gov.cn/nb/2.html' });
  });

  it('speaks English', () => {
    setLang('en');
    act(() => render(<Failed run={run()} onOpenTab={() => undefined} onRetry={() => undefined} />, root));
    expect(root.querySelector('h2')?.textContent).toBe('Pages not checked (2)');
    expect(root.querySelector('li[data-url] button.primary')?.textContent).toBe('Open in a tab');
    expect(root.querySelector('li .wb-failed-why')?.textContent).toBe(
      'The page could not be fetched: the server answered HTTP 500. Nothing was checked.',
    );
    // The reason in English, from the finding's figures.
    expect(root.querySelector('li[data-url] .wb-failed-why')?.textContent).toBe(
      'The page could not be fetched: the server answered HTTP 404. Nothing was checked.',
    );
  });
});

describe("the history's figures", () => {
  beforeEach(() => fakeBrowser.reset());

  it('are made again, once, from the records whose summaries are from before them', async () => {
    const record = await fixtureRecord('typo-suspect.html');
    const { key } = await saveRecord(record);
    // A summary as written before the figures were kept.
    const stored = (await fakeBrowser.storage.local.get(INDEX_KEY))[INDEX_KEY] as { version: 1; entries: RecordSummary[] };
    await fakeBrowser.storage.local.set({ [INDEX_KEY]: { ...stored, entries: stored.entries.map(({ figures: _f, ...e }) => e) } });
    const before = await listHistory();
    expect(before.entries[0]?.figures).toBeUndefined();
    expect(needsRepair(before)).toBe(true);

    expect(await repairHistory()).toEqual({ repaired: 1, aside: 0 });
    const after = await listHistory();
    expect(after.entries.map((e) => e.key)).toEqual([key]);
    expect(summaryFigures(after.entries[0] as RecordSummary)).toMatchObject({
      newReceived: record.tables.applications?.newReceived?.total?.value,
      disclosureRate: record.derived.disclosureRate,
    });
    expect(needsRepair(after)).toBe(false);
    expect(await repairHistory()).toEqual({ repaired: 0, aside: 0 });
  });
});
