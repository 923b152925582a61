import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type ReportRecord, recordFileName, toCsv } from '../../lib';
import {
  clipboardTable,
  copyTable,
  csvFileName,
  downloadText,
  historyFileName,
  recordJson,
  recordsCsv,
  recordsJson,
} from '../../utils/exports';
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

  it('names files as the record says', () => {
    expect(csvFileName(record)).toBe(recordFileName(record).replace(/\.json$/, '.csv'));
    expect(historyFileName('json', new Date('2024-03-01T12:00:00Z'))).toBe('年报核查-历史-2024-03-01.json');
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
