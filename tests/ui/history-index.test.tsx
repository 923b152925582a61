/**
 * The history at scale: 5,000 records listed at once from what is known (the summary index, or only
 * the keys while the repair reads the records in the background), searched from the index alone,
 * full records read only when opened or exported, and the index kept honest (missing, stale,
 * corrupt). Reads are counted and measured through a wrapper around the fake storage; time is never
 * asserted.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup, type PopupProps } from '../../components/Popup';
import type { ReportRecord } from '../../lib';
import { exportRecords } from '../../utils/exports';
import { countFindings } from '../../utils/findings';
import {
  ASIDE_PREFIX,
  emptyListing,
  findPrevious,
  INDEX_KEY,
  listHistory,
  needsRepair,
  READ_BATCH,
  RECORD_PREFIX,
  type RecordSummary,
  readHistory,
  readRecord,
  readRecords,
  recordKey,
  removeEntries,
  repairHistory,
  restoreEntries,
  saveRecord,
  searchHistory,
  summarize,
} from '../../utils/history';
import { parseCsv } from './csv';
import { fixtureRecord } from './helpers';

type Area = NonNullable<Parameters<typeof listHistory>[0]>;

interface Read {
  keys: string | string[] | null;
  bytes: number;
}

/** The fake local storage, with `getKeys` (Chrome 130+, Firefox 143+) and a log of every read. */
function counted(withGetKeys = true) {
  const inner = fakeBrowser.storage.local;
  const reads: Read[] = [];
  const writes: string[][] = [];
  const area: Area = {
    get: (async (keys?: string | string[] | null) => {
      const got = await inner.get(keys ?? null);
      reads.push({ keys: keys ?? null, bytes: JSON.stringify(got).length });
      return got;
    }) as Area['get'],
    set: async (items: Record<string, unknown>) => {
      writes.push(Object.keys(items));
      await inner.set(items);
    },
    remove: async (keys: string | string[]) => {
      await inner.remove(keys);
    },
    ...(withGetKeys ? { getKeys: async () => Object.keys(await inner.get(null)) } : {}),
  };
  const keysRead = () => reads.flatMap((r) => (r.keys === null ? ['(everything)'] : Array.isArray(r.keys) ? r.keys : [r.keys]));
  const recordReads = () => reads.filter((r) => Array.isArray(r.keys) && r.keys.some((k) => k.startsWith(RECORD_PREFIX)));
  const bytesRead = () => reads.reduce((n, r) => n + r.bytes, 0);
  const reset = () => {
    reads.length = 0;
    writes.length = 0;
  };
  return { area, reads, writes, keysRead, recordReads, bytesRead, reset };
}

const local = () => fakeBrowser.storage.local;
const stored = async () => (await local().get(null)) as Record<string, unknown>;
const bytesOf = (v: unknown) => JSON.stringify(v).length;

let base: ReportRecord;
let y2022: ReportRecord;
let y2023: ReportRecord;

beforeAll(async () => {
  [base, y2022, y2023] = await Promise.all([
    fixtureRecord('typo-suspect.html'),
    fixtureRecord('cross-year-2022.html'),
    fixtureRecord('cross-year-2023.html'),
  ]);
});

beforeEach(() => fakeBrowser.reset());

const N = 5000;
/** Agency 0–999, year 2015–2019: 5,000 distinct (agency, year) pairs, each at its own address. */
const agencyOf = (i: number) => `测试第${i % 1000}局`;
const yearOf = (i: number) => 2015 + Math.floor(i / 1000);

/** A small but valid record, made from a real one with agency, year, address and date varied. */
function makeRecord(i: number): ReportRecord {
  const year = yearOf(i);
  return {
    ...base,
    source: {
      ...base.source,
      url: `http://www.t${i % 1000}.gov.cn/ndbg/${year}.html`,
      title: `${agencyOf(i)}${year}年政府信息公开工作年度报告`,
      capturedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      publishedAt: `${year + 1}-01-${String(1 + (i % 28)).padStart(2, '0')}`,
    },
    report: { ...base.report, agency: agencyOf(i), year },
    tables: {},
    findings: [...base.findings.filter((f) => f.status === 'fail'), ...base.findings.slice(0, 4)],
  };
}

/** The key the layout before identities used: the page's address. */
const addressKey = (r: ReportRecord) => RECORD_PREFIX + r.source.url;

/** The old layout (or a history written straight into storage): records under their addresses, no index. */
async function storeOld(records: ReportRecord[]): Promise<void> {
  await local().set(Object.fromEntries(records.map((r) => [addressKey(r), r])));
}

/** Records under their current keys, no index (a crash after the records, before the index). */
async function storeRecords(records: ReportRecord[]): Promise<void> {
  await local().set(Object.fromEntries(records.map((r) => [recordKey(r), r])));
}

function renderPopup(history: PopupProps['history'], query = ''): { root: HTMLElement; props: PopupProps } {
  const root = document.createElement('div');
  document.body.append(root);
  const props: PopupProps = {
    current: { kind: 'none' },
    site: { state: 'unavailable', host: null },
    history,
    query,
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
  };
  act(() => render(<Popup {...props} />, root));
  return { root, props };
}

const unmount = (root: HTMLElement) => {
  render(null, root);
  root.remove();
};

describe('a history of 5,000 records', { timeout: 60_000 }, () => {
  let records: ReportRecord[];
  beforeAll(() => {
    records = Array.from({ length: N }, (_, i) => makeRecord(i));
  });

  it('lists the old layout at once from its keys, then the repair summarises it in batches, moving nothing', async () => {
    await storeOld(records);
    const recordBytes = records.reduce((n, r) => n + bytesOf(r), 0);
    const s = counted();

    // At once: every record listed from its key alone, not one record read.
    const first = await listHistory(s.area);
    expect(first.entries).toEqual([]);
    expect(first.pending).toHaveLength(N);
    expect(first.pending[0]).toEqual({ key: addressKey(records[0] as ReportRecord), url: (records[0] as ReportRecord).source.url });
    expect(needsRepair(first)).toBe(true);
    expect(s.recordReads()).toEqual([]);
    expect(s.bytesRead()).toBeLessThan(1000);
    // The popup shows them all, searchable by address, while the repair runs.
    let view = renderPopup(first, 't42.gov.cn');
    expect(view.root.querySelector('#history-title')?.textContent).toBe(`历史记录（${N}）`);
    expect(view.root.querySelector('.pending-note')?.textContent).toBe(`正在整理历史记录，还有 ${N} 条……`);
    expect(view.root.querySelectorAll('.entry[data-pending]')).toHaveLength(5);
    unmount(view.root);

    // The repair: a batch of records read at a time, summarised into the index; no record is written.
    s.reset();
    const progress: number[] = [];
    expect(await repairHistory(s.area, { onProgress: (p) => progress.push(p.done) })).toEqual({ repaired: N, aside: 0 });
    expect(s.recordReads()).toHaveLength(N / READ_BATCH);
    expect(s.recordReads().every((r) => Array.isArray(r.keys) && r.keys.length <= READ_BATCH)).toBe(true);
    expect(s.keysRead()).not.toContain('(everything)');
    expect(progress).toHaveLength(N / READ_BATCH);
    expect(progress.at(-1)).toBe(N);
    expect(s.writes.every((w) => w.length === 1 && w[0] === INDEX_KEY)).toBe(true);
    const raw = await stored();
    expect(
      Object.keys(raw)
        .filter((k) => k.startsWith(RECORD_PREFIX))
        .sort(),
    ).toEqual(records.map(addressKey).sort());
    expect(raw[addressKey(records[7] as ReportRecord)]).toEqual(records[7]);
    expect((raw[INDEX_KEY] as { entries: RecordSummary[] }).entries).toHaveLength(N);

    // Every later listing reads the index and nothing else: one read, no record key.
    s.reset();
    const listing = await listHistory(s.area);
    expect(listing.entries).toHaveLength(N);
    expect(listing.pending).toEqual([]);
    expect(needsRepair(listing)).toBe(false);
    expect(s.reads).toHaveLength(1);
    expect(s.keysRead()).toEqual([INDEX_KEY]);
    expect(s.writes).toEqual([]);
    // The index is a small fraction of the records it lists: under 400 bytes an entry.
    expect(s.bytesRead()).toBeLessThan(N * 400);
    expect(s.bytesRead()).toBeLessThan(recordBytes / 5);

    // Newest first, with what the list shows: name, year, both dates, counts.
    const last = records[N - 1] as ReportRecord;
    expect(listing.entries[0]).toEqual(summarize(last, addressKey(last)));
    expect(listing.entries[0]?.identity).toBe('report:测试第999局|2019');
    expect(listing.entries[0]?.publishedAt).toBe('2020-01-16');
    expect(listing.entries.at(-1)).toEqual(summarize(records[0] as ReportRecord, addressKey(records[0] as ReportRecord)));
    expect(listing.entries[0]?.counts).toEqual(countFindings((records[N - 1] as ReportRecord).findings));

    // Searching works on the summaries: no storage read at all.
    s.reset();
    expect(searchHistory(listing.entries, '测试第7局 2018').map((e) => e.url)).toEqual(['http://www.t7.gov.cn/ndbg/2018.html']);
    expect(searchHistory(listing.entries, '测试第7局')).toHaveLength(5);
    expect(searchHistory(listing.entries, '２０１６')).toHaveLength(1000);
    expect(searchHistory(listing.entries, 't999.gov.cn')).toHaveLength(5);
    expect(searchHistory(listing.entries, '没有这个机关')).toEqual([]);
    expect(searchHistory(listing.entries, '')).toHaveLength(N);
    expect(s.reads).toEqual([]);

    // The popup shows the count and the search's one match from the listing, with both dates.
    view = renderPopup(listing, '测试第42局 2019');
    expect(view.root.querySelector('#history-title')?.textContent).toBe(`历史记录（${N}）`);
    expect(Array.from(view.root.querySelectorAll('.entry-name')).map((e) => e.textContent)).toEqual(['测试第42局']);
    const read = new Date((records[4042] as ReportRecord).source.capturedAt);
    const readDay = `${read.getFullYear()}-${String(read.getMonth() + 1).padStart(2, '0')}-${String(read.getDate()).padStart(2, '0')}`;
    expect(view.root.querySelector('.entry-meta')?.textContent).toBe(`2019 年度 · 发布 2020-01-11 · 读取 ${readDay}`);
    unmount(view.root);

    // Without a query, the first 50 and a button for more: 5,000 rows are never drawn at once.
    view = renderPopup(listing);
    expect(view.root.querySelectorAll('.entry')).toHaveLength(50);
    const more = view.root.querySelector('.more') as HTMLButtonElement;
    expect(more.textContent).toBe(`再显示 200 条（共 ${N} 条）`);
    act(() => more.click());
    expect(view.root.querySelectorAll('.entry')).toHaveLength(250);
    unmount(view.root);
  });

  it('opens one record by reading that record only, and finds last year’s by its key', async () => {
    await storeRecords(records);
    await repairHistory();
    const s = counted();
    const listing = await listHistory(s.area);
    const wanted = listing.entries.find((e) => e.agency === '测试第5局' && e.year === 2017) as RecordSummary;

    s.reset();
    expect(await readRecord(wanted.key, s.area)).toEqual(records[2005]);
    expect(s.keysRead()).toEqual([wanted.key]);

    s.reset();
    const previous = await findPrevious('测试第5局', 2018, s.area);
    expect(previous).toEqual(records[2005]);
    expect(s.keysRead()).toEqual([wanted.key]);
    expect(await findPrevious('测试第5局', 2015, s.area)).toBeNull();
  });

  it('exports all 5,000 as one file built in batches: JSON, tables CSV and findings, with verdicts', async () => {
    await storeRecords(records);
    await repairHistory();
    const at = '2026-03-01T10:00:00.000Z';
    const finding = (records[3] as ReportRecord).findings.find((f) => f.status !== 'pass')?.id as string;
    await local().set({
      [`nianbao:review:${recordKey(records[3] as ReportRecord).slice(RECORD_PREFIX.length)}`]: {
        [finding]: { status: 'confirmed', note: '核实', at },
      },
    });
    const s = counted();
    const listing = await listHistory(s.area);
    const keys = listing.entries.map((e) => e.key);

    s.reset();
    const json = await exportRecords('json', keys, { area: s.area, now: new Date(2026, 2, 1) });
    expect(json.name).toBe('年报核查-历史-2026-03-01.json');
    expect(json.count).toBe(N);
    expect(json.missing).toBe(0);
    expect(s.keysRead()).not.toContain('(everything)');
    expect(s.recordReads()).toHaveLength(N / READ_BATCH);
    expect(s.recordReads().every((r) => (r.keys as string[]).length <= READ_BATCH)).toBe(true);
    const text = await json.blob.text();
    const parsed = JSON.parse(text) as ReportRecord[];
    expect(parsed).toHaveLength(N);
    expect(parsed.map((r) => r.source.url)).toEqual(listing.entries.map((e) => e.url));
    // One record a line, between the brackets.
    expect(text.split('\n')).toHaveLength(N + 3);
    const reviewed = parsed.find((r) => r.source.url === (records[3] as ReportRecord).source.url);
    expect(reviewed?.review).toEqual({ [finding]: { status: 'confirmed', note: '核实', at } });
    expect(parsed.filter((r) => r.review)).toHaveLength(1);

    const csv = await exportRecords('findings', keys, { area: s.area });
    const rows = parseCsv(await csv.blob.text());
    const perRecord = (records[0] as ReportRecord).findings.filter((f) => f.status !== 'pass').length;
    expect(perRecord).toBeGreaterThan(1);
    expect(rows).toHaveLength(1 + N * perRecord);
    const verdictRow = rows.find((r) => r[2] === (records[3] as ReportRecord).source.url && r[3] === finding);
    expect(verdictRow?.slice(-3)).toEqual(['confirmed', '核实', at]);
  });

  it('deletes from both the records and the index, and the undo puts back exactly what was there', async () => {
    await storeRecords(records);
    await repairHistory();
    const before = await stored();
    const s = counted();
    const listing = await listHistory(s.area);
    const gone = listing.entries.slice(0, 3).map((e) => e.key);
    const removed = await removeEntries(gone, s.area);
    const raw = await stored();
    for (const k of gone) expect(raw[k]).toBeUndefined();
    const index = raw[INDEX_KEY] as { entries: RecordSummary[] };
    expect(index.entries).toHaveLength(N - 3);
    expect(index.entries.some((e) => gone.includes(e.key))).toBe(false);
    s.reset();
    const after = await listHistory(s.area);
    expect(after.entries).toHaveLength(N - 3);
    expect(s.keysRead()).toEqual([INDEX_KEY]);

    await restoreEntries(removed, s.area);
    const back = await stored();
    for (const k of gone) expect(back[k]).toEqual(before[k]);
    const byKey = (i: unknown) => [...(i as { entries: RecordSummary[] }).entries].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey(back[INDEX_KEY])).toEqual(byKey(before[INDEX_KEY]));
    expect((await listHistory(s.area)).entries).toEqual(listing.entries);
  });
});

describe('the index', () => {
  it('is written in the same set as its record', async () => {
    const s = counted();
    await saveRecord(y2022, s.area);
    await saveRecord(y2023, s.area);
    expect(s.writes).toEqual([
      [recordKey(y2022), INDEX_KEY],
      [recordKey(y2023), INDEX_KEY],
    ]);
    const index = (await stored())[INDEX_KEY] as { version: number; entries: RecordSummary[] };
    expect(index.version).toBe(1);
    expect(index.entries).toEqual([summarize(y2022), summarize(y2023)]);
  });

  it('keeps every record when several are saved at once (one change of the index at a time)', async () => {
    const many = Array.from({ length: 20 }, (_, i) => makeRecord(i));
    await Promise.all(many.map((r) => saveRecord(r)));
    const listing = await listHistory();
    expect(listing.entries.map((e) => e.key).sort()).toEqual(many.map(recordKey).sort());
    expect(listing.pending).toEqual([]);
  });

  it('is brought in line after a crash between writes: an unlisted record pending, then listed; a vanished one dropped', async () => {
    const s = counted();
    await saveRecord(y2022, s.area);
    await saveRecord(y2023, s.area);
    // A record written without its summary, and a record gone while its summary stayed.
    await local().set({ [recordKey(base)]: base });
    await local().remove(recordKey(y2022));
    s.reset();
    const listing = await listHistory(s.area);
    expect(listing.entries.map((e) => e.key)).toEqual([recordKey(y2023)]);
    expect(listing.pending.map((e) => e.key)).toEqual([recordKey(base)]);
    expect(s.recordReads()).toEqual([]);
    s.reset();
    await repairHistory(s.area);
    // Only the unlisted record was read in full.
    expect(s.keysRead().filter((k) => k.startsWith(RECORD_PREFIX))).toEqual([recordKey(base)]);
    const index = (await stored())[INDEX_KEY] as { entries: RecordSummary[] };
    expect(index.entries.map((e) => e.key).sort()).toEqual([recordKey(base), recordKey(y2023)].sort());
    expect((await listHistory()).pending).toEqual([]);
  });

  it('when corrupt, is set aside with a visible note and rebuilt from the records, not trusted', async () => {
    await saveRecord(y2022);
    await saveRecord(y2023);
    const junk = { version: 1, entries: [{ key: `${RECORD_PREFIX}http://evil.gov.cn/`, url: 5 }] };
    await local().set({ [INDEX_KEY]: junk });

    const s = counted();
    const listing = await listHistory(s.area);
    // At once: the corrupt index is aside, the records are pending (known by their keys).
    expect(listing.entries).toEqual([]);
    expect(listing.pending.map((e) => e.key).sort()).toEqual([recordKey(y2022), recordKey(y2023)].sort());
    expect(listing.aside).toHaveLength(1);
    expect(listing.aside[0]?.from).toBe(INDEX_KEY);
    expect(listing.aside[0]?.reason).toContain(INDEX_KEY);
    expect(listing.aside[0]?.value).toEqual(junk);

    await repairHistory(s.area);
    const raw = await stored();
    expect(raw[INDEX_KEY]).toEqual({ version: 1, entries: expect.arrayContaining([summarize(y2022), summarize(y2023)]) });
    expect(Object.keys(raw).filter((k) => k.startsWith(ASIDE_PREFIX))).toHaveLength(1);
    const rebuilt = await listHistory(s.area);

    // Visible in the popup, kept and exportable, next to the rebuilt list.
    const { root, props } = renderPopup(rebuilt);
    expect(root.querySelectorAll('.entry')).toHaveLength(2);
    expect(root.querySelector('.aside')?.textContent).toContain('有 1 条数据另行保留');
    expect(root.querySelector('.aside')?.textContent).toContain('无法读取');
    expect(root.querySelector('.aside')?.textContent).toContain(INDEX_KEY);
    act(() => (Array.from(root.querySelectorAll('button')).find((b) => b.textContent === '导出另行保留的原始数据') as HTMLElement).click());
    expect(props.onExportAside).toHaveBeenCalledWith(rebuilt.aside);
    unmount(root);

    // Rebuilt once: the next listing trusts the new index and writes nothing.
    s.reset();
    expect((await listHistory(s.area)).entries).toHaveLength(2);
    expect(s.writes).toEqual([]);
  });

  it.each([
    ['not an object', 'garbage'],
    ['a newer version', { version: 2, entries: [] }],
    ['duplicate keys', { version: 1, entries: [] as unknown[] }],
  ])('is rebuilt when it is %s', async (what, value) => {
    await saveRecord(y2023);
    const dup = summarize(y2023);
    await local().set({ [INDEX_KEY]: what === 'duplicate keys' ? { version: 1, entries: [dup, dup] } : value });
    const listing = await listHistory();
    expect(listing.aside.map((a) => a.from)).toEqual([INDEX_KEY]);
    await repairHistory();
    expect((await listHistory()).entries).toEqual([summarize(y2023)]);
  });

  it('is not needed by findPrevious, which finds last year by its key', async () => {
    await saveRecord(y2022);
    await local().set({ [INDEX_KEY]: { version: 1, entries: 'x' } });
    expect((await findPrevious(y2023.report.agency as string, 2023))?.source.url).toBe(y2022.source.url);
  });
});

describe('corrupt records', () => {
  it('found by the repair are set aside whole, shown, and left out of the index', async () => {
    await saveRecord(y2023);
    const broken = { ...y2022, findings: 'not a list' };
    await local().set({ [`${RECORD_PREFIX}http://x.gov.cn/a`]: broken });
    expect((await listHistory(counted().area)).pending.map((e) => e.key)).toEqual([`${RECORD_PREFIX}http://x.gov.cn/a`]);
    expect(await repairHistory()).toEqual({ repaired: 0, aside: 1 });
    const listing = await listHistory();
    expect(listing.entries.map((e) => e.key)).toEqual([recordKey(y2023)]);
    expect(listing.aside).toHaveLength(1);
    expect(listing.aside[0]?.from).toBe(`${RECORD_PREFIX}http://x.gov.cn/a`);
    expect(listing.aside[0]?.kind).toBe('unreadable');
    expect(listing.aside[0]?.value).toEqual(broken);
    expect(listing.aside[0]?.reason).toContain('findings');
    const raw = await stored();
    expect(raw[`${RECORD_PREFIX}http://x.gov.cn/a`]).toBeUndefined();
    expect(raw[`${ASIDE_PREFIX}http://x.gov.cn/a`]).toMatchObject({ from: `${RECORD_PREFIX}http://x.gov.cn/a`, value: broken });
    expect((raw[INDEX_KEY] as { entries: RecordSummary[] }).entries.map((e) => e.key)).toEqual([recordKey(y2023)]);

    const { root } = renderPopup(listing);
    expect(root.querySelector('.aside')?.textContent).toContain('有 1 条数据另行保留');
    expect(root.querySelector('.aside')?.textContent).toContain('http://x.gov.cn/a');
    unmount(root);
  });

  it('under a valid index are found when read (opened, or exported with everything) and set aside visibly', async () => {
    await saveRecord(y2022);
    await saveRecord(y2023);
    await saveRecord(base);
    // The index still describes it; the record itself went bad.
    await local().set({ [recordKey(y2022)]: { ...y2022, schemaVersion: 2 } });
    expect((await listHistory()).entries).toHaveLength(3);
    const keys = (await listHistory()).entries.map((e) => e.key);
    const file = await exportRecords('json', keys);
    expect(file.count).toBe(2);
    expect(file.missing).toBe(1);
    expect((JSON.parse(await file.blob.text()) as ReportRecord[]).map((r) => r.source.url).sort()).toEqual(
      [y2023.source.url, base.source.url].sort(),
    );
    const listing = await listHistory();
    expect(listing.entries.map((e) => e.key).sort()).toEqual([recordKey(y2023), recordKey(base)].sort());
    expect(listing.aside.map((a) => a.from)).toEqual([recordKey(y2022)]);
    expect(listing.aside[0]?.reason).toContain('newer');
    expect(listing.aside[0]?.value).toEqual({ ...y2022, schemaVersion: 2 });
  });

  it('damaged after they were listed are set aside when opened, and dropped from the index', async () => {
    await saveRecord(y2022);
    await saveRecord(y2023);
    await local().set({ [recordKey(y2022)]: { ...y2022, schemaVersion: 2 } });
    expect(await readRecord(recordKey(y2022))).toBeNull();
    const listing = await listHistory();
    expect(listing.entries.map((e) => e.key)).toEqual([recordKey(y2023)]);
    expect(listing.aside.map((a) => a.from)).toEqual([recordKey(y2022)]);
    // And left out of an export of everything, which still returns the rest.
    await saveRecord(y2022);
    await local().set({ [recordKey(y2022)]: 7 });
    expect((await readRecords([recordKey(y2022), recordKey(y2023)])).map((e) => e.record)).toEqual([y2023]);
    expect((await listHistory()).aside.map((a) => a.from).sort()).toEqual([recordKey(y2022), recordKey(y2022)].sort());
  });
});

describe('the old layout (records under their addresses)', () => {
  it('is summarised where it is: every valid record listed under its key, a corrupt one set aside, the index written', async () => {
    await storeOld([y2022, y2023, base]);
    await local().set({ [`${RECORD_PREFIX}http://x.gov.cn/old`]: { schemaVersion: 1, source: 'gone' } });
    expect((await stored())[INDEX_KEY]).toBeUndefined();

    await repairHistory();
    const listing = await listHistory();
    expect(listing.entries.map((e) => e.key).sort()).toEqual([addressKey(y2022), addressKey(y2023), addressKey(base)].sort());
    expect(listing.entries.map((e) => e.identity).sort()).toEqual(
      [recordKey(y2022), recordKey(y2023), recordKey(base)].map((k) => k.slice(RECORD_PREFIX.length)).sort(),
    );
    expect(listing.aside.map((a) => a.from)).toEqual([`${RECORD_PREFIX}http://x.gov.cn/old`]);
    const raw = await stored();
    expect((raw[INDEX_KEY] as { entries: RecordSummary[] }).entries).toHaveLength(3);
    // The records themselves are untouched.
    expect(raw[addressKey(y2022)]).toEqual(y2022);

    const s = counted();
    await listHistory(s.area);
    expect(s.keysRead()).toEqual([INDEX_KEY, ...Object.keys(raw).filter((k) => k.startsWith(ASIDE_PREFIX))]);
    expect(s.writes).toEqual([]);
  });

  it('with an index of before identities lists it at once, with everything it knows; the repair adds the identities without a record read', async () => {
    await storeOld([y2022, y2023]);
    const old = (r: ReportRecord) => {
      const { identity: _, ...rest } = summarize(r, addressKey(r));
      return rest;
    };
    await local().set({ [INDEX_KEY]: { version: 1, entries: [old(y2022), old(y2023)] } });
    const listing = await listHistory();
    expect(listing.entries.map((e) => e.agency)).toEqual([y2023.report.agency, y2022.report.agency]);
    expect(listing.pending).toEqual([]);
    expect(needsRepair(listing)).toBe(true);
    const s = counted();
    await repairHistory(s.area);
    expect(s.recordReads()).toEqual([]);
    const after = await listHistory();
    expect(after.entries.map((e) => e.identity).sort()).toEqual(
      [recordKey(y2022), recordKey(y2023)].map((k) => k.slice(RECORD_PREFIX.length)).sort(),
    );
    expect(needsRepair(after)).toBe(false);
  });

  it('gives way to a new reading of the same report, which replaces its entry', async () => {
    await storeOld([y2022, base]);
    await repairHistory();
    await saveRecord({
      ...y2022,
      source: { ...y2022.source, url: `${y2022.source.url}?from=search`, capturedAt: '2026-01-01T00:00:00.000Z' },
    });
    const raw = await stored();
    expect(raw[addressKey(y2022)]).toBeUndefined();
    expect((raw[recordKey(y2022)] as ReportRecord).source.capturedAt).toBe('2026-01-01T00:00:00.000Z');
    expect((await listHistory()).entries.map((e) => e.key).sort()).toEqual([recordKey(y2022), addressKey(base)].sort());
  });

  it('keeps the older records when a save comes first', async () => {
    await storeOld([y2022, base]);
    await saveRecord(y2023);
    expect((await listHistory()).pending.map((e) => e.key).sort()).toEqual([addressKey(y2022), addressKey(base)].sort());
    await repairHistory();
    expect((await listHistory()).entries.map((e) => e.key).sort()).toEqual([addressKey(y2022), recordKey(y2023), addressKey(base)].sort());
  });

  it('also works where storage cannot list its keys (the whole area is read instead)', async () => {
    await storeOld([y2022, y2023]);
    const s = counted(false);
    const byUrl = (a: ReportRecord, b: ReportRecord) => a.source.url.localeCompare(b.source.url);
    expect((await readHistory(s.area)).entries.map((e) => e.record).sort(byUrl)).toEqual([y2022, y2023].sort(byUrl));
    expect(s.keysRead()).toContain('(everything)');
  });

  it('leaves nothing behind for an empty history', async () => {
    const s = counted();
    expect(await listHistory(s.area)).toEqual(emptyListing());
    expect(await repairHistory(s.area)).toEqual({ repaired: 0, aside: 0 });
    expect(s.writes).toEqual([]);
    expect(await stored()).toEqual({});
  });
});
