import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type ReportRecord, recordFileName, toCsv } from '../../lib';
import { T3_COLUMNS } from '../../lib/record/labels';
import { tablesInOrder } from '../../lib/record/order';
import {
  clipboardTable,
  copyTable,
  csvFileName,
  downloadText,
  exportAndSave,
  FINDINGS_HEADER,
  findingRows,
  findingsCsv,
  findingsFileName,
  historyFileName,
  jsonArray,
  recordExport,
  recordJson,
  recordsCsv,
  recordsJson,
} from '../../utils/exports';
import { migrate } from '../../utils/history';
import { parseCsv } from './csv';
import { fixtureRecord } from './helpers';

let record: ReportRecord;

beforeAll(async () => {
  record = await fixtureRecord('seed004-word.html');
});

describe('files', () => {
  it('JSON is the record, and many records are one array', () => {
    expect(JSON.parse(recordJson(record))).toEqual(record);
    expect(JSON.parse(recordsJson([record, record]))).toEqual([record, record]);
  });

  it('CSV starts with the UTF-8 byte-order mark and is the long form of the tables', () => {
    const csv = recordsCsv([record]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe(toCsv([record]));
  });

  it('names files as the record says, one scheme for every export', () => {
    expect(csvFileName(record)).toBe(recordFileName(record).replace(/\.json$/, '.csv'));
    expect(findingsFileName(record)).toBe(recordFileName(record).replace(/\.json$/, '-问题清单.csv'));
    const anonymous = { ...record, report: { ...record.report, agency: undefined } } as ReportRecord;
    expect(findingsFileName(anonymous)).toBe(`nianbao-report-${record.report.year}-findings.csv`);
    expect(historyFileName('json', new Date(2024, 2, 1, 12))).toBe('年报核查-历史-2024-03-01.json');
    expect(historyFileName('csv', new Date(2024, 2, 1, 12))).toBe('年报核查-历史-2024-03-01.csv');
    expect(historyFileName('findings', new Date(2024, 2, 1, 12))).toBe('年报核查-历史-2024-03-01-问题清单.csv');
  });

  it('writes many records as one JSON array piece by piece, one record a line', () => {
    const text = jsonArray.open + [record, record, record].map((r, i) => jsonArray.item(r, i === 0)).join('') + jsonArray.close(false);
    expect(JSON.parse(text)).toEqual([record, record, record]);
    expect(text.split('\n')).toHaveLength(6);
    expect(JSON.parse(jsonArray.open + jsonArray.close(true))).toEqual([]);
  });

  it('downloads with an <a download> on a blob URL', () => {
    const click = vi.fn();
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
    const orig = document.createElement.bind(document);
    const spy = vi.spyOn(document, 'createElement').mockImplementation((tag: string) => {
      const el = orig(tag);
      if (tag === 'a') el.click = click;
      return el;
    });
    downloadText('a.json', '{}', 'application/json');
    const blob = created.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('application/json');
    expect(click).toHaveBeenCalledOnce();
    expect(document.querySelector('a[download]')).toBeNull();
    spy.mockRestore();
    created.mockRestore();
  });
});

describe('clipboard', () => {
  it('parses the CSV back to the same cells (quotes, commas, line breaks)', () => {
    const rows = parseCsv('a,"b,c","d ""e"""\r\n"f\ng",h,\r\n');
    expect(rows).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['f\ng', 'h', ''],
    ]);
    const long = parseCsv(toCsv([record]));
    expect(long[0]?.[0]).toBe('agency');
    expect(long.every((r) => r.length === long[0]?.length)).toBe(true);
  });

  it('gives TSV and an HTML table with the same cells, so a paste splits into spreadsheet cells', () => {
    const { tsv, html } = clipboardTable([record]);
    const tsvRows = tsv
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split('\t'));
    const csvRows = parseCsv(toCsv([record]));
    expect(tsvRows.length).toBe(csvRows.length);
    expect(tsvRows[0]).toEqual(csvRows[0]);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('tbody tr').length).toBe(csvRows.length - 1);
    expect(doc.querySelector('thead tr')?.children.length).toBe(csvRows[0]?.length);
  });

  it('writes text/plain and text/html together', async () => {
    const write = vi.fn().mockResolvedValue(undefined);
    class Item {
      constructor(readonly items: Record<string, Blob>) {}
    }
    vi.stubGlobal('ClipboardItem', Item);
    await copyTable({ tsv: 'a\tb', html: '<table></table>' }, { write, writeText: vi.fn() } as unknown as Clipboard);
    const item = write.mock.calls[0]?.[0]?.[0] as Item;
    expect(Object.keys(item.items).sort()).toEqual(['text/html', 'text/plain']);
    expect(await item.items['text/plain']?.text()).toBe('a\tb');
    vi.unstubAllGlobals();
  });
});

/** The record as browser storage hands it back: every object's keys sorted. */
function sortedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortedKeys) as T;
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])]),
    ) as T;
  }
  return v;
}

describe('one order', () => {
  it('gives the same CSV for the record as read and as stored (keys sorted), in the template’s order', () => {
    const stored = sortedKeys(record);
    expect(Object.keys(stored.tables.applications ?? {})[0]).toBe('carriedForward');
    expect(recordsCsv([stored])).toBe(recordsCsv([record]));
    const rows = parseCsv(recordsCsv([stored])).filter((r) => r[3] === 'applications');
    const rowKeys = [...new Set(rows.map((r) => r[4]))];
    expect(rowKeys.slice(0, 4)).toEqual(['newReceived', 'carriedOver', 'granted', 'partiallyGranted']);
    expect(rowKeys.at(-1)).toBe('carriedForward');
    expect(rows.filter((r) => r[4] === 'newReceived').map((r) => r[6])).toEqual(T3_COLUMNS.map((c) => c.key));
    // Read back from storage, the record's own tables are in that order too (its JSON lists them so).
    const back = migrate(stored);
    expect(back.ok && Object.keys(back.record.tables.applications ?? {})).toEqual(Object.keys(tablesInOrder(record).applications ?? {}));
  });

  it('orders 表二 by each row’s columns in its version (2019: 采购项目数量 before 采购总金额)', async () => {
    const r2019 = await fixtureRecord('format2019-report.html');
    const t2 = tablesInOrder(sortedKeys(r2019)).activeDisclosure ?? {};
    expect(Object.keys(t2)[0]).toBe('regulations');
    expect(Object.keys(t2.regulations ?? {})).toEqual(['newlyMade', 'newlyPublished', 'totalPublished']);
    expect(Object.keys(t2.procurement ?? {})).toEqual(['projects', 'amount']);
    expect(Object.keys(t2)).toEqual([
      'regulations',
      'normativeDocuments',
      'licensing',
      'otherServices',
      'punishment',
      'coercion',
      'fees',
      'procurement',
    ]);
  });
});

describe('the findings export (问题清单)', () => {
  const at = '2026-03-01T10:00:00.000Z';

  it('lists every failing and uncheckable finding with its sides, cells, quote, address and the person’s verdict', async () => {
    const typo = await fixtureRecord('typo-suspect.html');
    const failing = typo.findings.filter((f) => f.status === 'fail');
    const na = typo.findings.filter((f) => f.status === 'na');
    const first = failing[0] as (typeof failing)[number];
    const reviews = { [first.id]: { status: 'dismissed' as const, note: '页面已更正', at } };
    const rows = findingRows(typo, reviews);
    expect(rows).toHaveLength(failing.length + na.length);
    const row = Object.fromEntries(FINDINGS_HEADER.map((h, i) => [h, rows[0]?.[i]]));
    expect(row).toMatchObject({
      agency: typo.report.agency,
      year: typo.report.year,
      url: typo.source.url,
      findingId: first.id,
      status: 'fail',
      severity: first.severity,
      finding: first.message,
      formula: first.formula ?? '',
      actual: first.actual,
      expected: first.expected,
      difference: first.difference,
      verdict: 'dismissed',
      verdictNote: '页面已更正',
      verdictAt: at,
    });
    expect(row.cells).toBe(
      [...(first.suspect ? [first.suspect] : []), ...first.cells.filter((c) => JSON.stringify(c) !== JSON.stringify(first.suspect))]
        .map((c) => `${c.table}.${c.row}.${c.column}`)
        .join('; '),
    );
    expect(String(row.cellLabels)).toMatch(/^表三「/);
    // As a file: the byte-order mark, the header, a row per finding; the verdicts travel in the JSON too.
    const csv = findingsCsv([{ ...typo, review: reviews }]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual([...FINDINGS_HEADER]);
    expect(parsed).toHaveLength(1 + rows.length);
    expect(parsed[1]?.slice(-3)).toEqual(['dismissed', '页面已更正', at]);
    const json = recordExport(typo, 'json', reviews);
    expect((JSON.parse(await json.blob.text()) as ReportRecord).review).toEqual(reviews);
    expect(json.name).toBe(recordFileName(typo));
  });
});

describe('an export of many records that fails', () => {
  it('says why and saves nothing, never throwing at the page that asked', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    fakeBrowser.reset();
    const { saveRecord } = await import('../../utils/history');
    await saveRecord(record);
    const inner = fakeBrowser.storage.local;
    const failing = {
      get: async (keys: unknown) => {
        if (Array.isArray(keys) && keys.some((k) => String(k).startsWith('nianbao:report:'))) throw new Error('IO error: disk');
        return inner.get(keys as string[]);
      },
      set: inner.set.bind(inner),
      remove: inner.remove.bind(inner),
      getKeys: async () => Object.keys(await inner.get(null)),
    } as unknown as NonNullable<Parameters<typeof exportAndSave>[3]>['area'];
    const save = vi.fn();
    const keys = Object.keys(await inner.get(null)).filter((k) => k.startsWith('nianbao:report:'));
    expect(await exportAndSave('json', keys, save, { area: failing })).toEqual({ ok: false, error: 'IO error: disk' });
    expect(save).not.toHaveBeenCalled();
    const done = await exportAndSave('csv', keys, save);
    expect(done).toMatchObject({ ok: true, count: 1, missing: 0 });
    expect(save).toHaveBeenCalledOnce();
  });
});

describe('formula injection', () => {
  it('neutralises text that a spreadsheet would run, in the findings export too (numbers stay numbers)', () => {
    const evil: ReportRecord = {
      ...record,
      report: { ...record.report, agency: '=HYPERLINK("http://evil")' },
      findings: [
        {
          id: 'x:1',
          rule: 'x',
          status: 'fail',
          severity: 'error',
          message: '@SUM(A1)',
          quote: '+1+1',
          actual: -3,
          expected: 4,
          difference: -7,
          cells: [],
        },
      ],
    };
    const [header, row] = parseCsv(findingsCsv([evil]));
    const cell = (name: string) => row?.[(header as string[]).indexOf(name)];
    expect(cell('agency')).toBe(`'=HYPERLINK("http://evil")`);
    expect(cell('finding')).toBe("'@SUM(A1)");
    expect(cell('quote')).toBe("'+1+1");
    expect(cell('actual')).toBe('-3');
    expect(cell('difference')).toBe('-7');
  });
});
