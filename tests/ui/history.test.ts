import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ReportRecord } from '../../lib';
import {
  ASIDE_PREFIX,
  findPrevious,
  INDEX_KEY,
  migrate,
  RECORD_PREFIX,
  readHistory,
  recordKey,
  removeEntries,
  saveRecord,
  searchHistory,
} from '../../utils/history';
import { fixtureRecord } from './helpers';

let y2022: ReportRecord;
let y2023: ReportRecord;
let other: ReportRecord;

beforeAll(async () => {
  [y2022, y2023, other] = await Promise.all([
    fixtureRecord('cross-year-2022.html'),
    fixtureRecord('cross-year-2023.html'),
    fixtureRecord('typo-suspect.html'),
  ]);
});

beforeEach(() => fakeBrowser.reset());

const local = () => fakeBrowser.storage.local;

describe('saving', () => {
  it('stores a plain record under its page address and reads it back through the schema', async () => {
    await saveRecord(y2023);
    const raw = await local().get(null);
    // The record, and its summary in the index.
    expect(Object.keys(raw).sort()).toEqual([INDEX_KEY, recordKey(y2023)].sort());
    expect(raw[recordKey(y2023)]).toEqual(y2023);
    const { entries, aside } = await readHistory();
    expect(aside).toEqual([]);
    expect(entries.map((e) => e.record)).toEqual([y2023]);
  });

  it('refuses to store what is not a record', async () => {
    await expect(saveRecord({ ...y2023, schemaVersion: 2 })).rejects.toThrow();
    await expect(saveRecord({ hello: 'world' })).rejects.toThrow();
    expect(await local().get(null)).toEqual({});
  });

  it('keeps one entry per page, the latest visit', async () => {
    await saveRecord({ ...y2023, source: { ...y2023.source, capturedAt: '2024-01-01T00:00:00.000Z' } });
    await saveRecord({ ...y2023, source: { ...y2023.source, capturedAt: '2024-02-01T00:00:00.000Z' } });
    const { entries } = await readHistory();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.record.source.capturedAt).toBe('2024-02-01T00:00:00.000Z');
  });

  it('lists the newest first', async () => {
    await saveRecord({ ...y2022, source: { ...y2022.source, capturedAt: '2024-01-01T00:00:00.000Z' } });
    await saveRecord({ ...other, source: { ...other.source, capturedAt: '2024-03-01T00:00:00.000Z' } });
    await saveRecord({ ...y2023, source: { ...y2023.source, capturedAt: '2024-02-01T00:00:00.000Z' } });
    expect((await readHistory()).entries.map((e) => e.record.report.agency)).toEqual([
      other.report.agency,
      y2023.report.agency,
      y2022.report.agency,
    ]);
  });
});

describe('corrupt entries', () => {
  it('are set aside whole, with the reason, never dropped', async () => {
    await saveRecord(y2023);
    const broken = { ...y2022, findings: 'not a list' };
    await local().set({ [`${RECORD_PREFIX}http://x.gov.cn/a`]: broken, [`${RECORD_PREFIX}http://x.gov.cn/b`]: 42 });
    const { entries, aside } = await readHistory();
    expect(entries.map((e) => e.key)).toEqual([recordKey(y2023)]);
    expect(aside.map((a) => a.from).sort()).toEqual([`${RECORD_PREFIX}http://x.gov.cn/a`, `${RECORD_PREFIX}http://x.gov.cn/b`]);
    expect(aside.find((a) => a.from.endsWith('/a'))?.value).toEqual(broken);
    expect(aside.find((a) => a.from.endsWith('/a'))?.reason).toContain('findings');

    // Moved under their own keys: a second read finds them aside again, and the history clean.
    const raw = await local().get(null);
    expect(Object.keys(raw).filter((k) => k.startsWith(ASIDE_PREFIX))).toHaveLength(2);
    const again = await readHistory();
    expect(again.aside).toHaveLength(2);
    expect(again.aside.find((a) => a.from.endsWith('/a'))?.value).toEqual(broken);
  });

  it('from a newer schema version are set aside, not guessed at', () => {
    const m = migrate({ ...y2023, schemaVersion: 2 });
    expect(m.ok).toBe(false);
    expect(!m.ok && m.reason).toContain('newer');
    expect(migrate(y2023).ok).toBe(true);
    expect(migrate(null).ok).toBe(false);
  });

  it('can be deleted when the reader asks', async () => {
    await local().set({ [`${RECORD_PREFIX}http://x.gov.cn/a`]: 'junk' });
    const { aside } = await readHistory();
    await removeEntries(aside.map((a) => a.key));
    expect(await local().get(null)).toEqual({});
  });
});

describe('last year', () => {
  it('finds the same body’s record of the year before', async () => {
    await saveRecord(y2022);
    await saveRecord(other);
    expect((await findPrevious(y2023.report.agency as string, 2023))?.source.url).toBe(y2022.source.url);
    expect(await findPrevious(y2023.report.agency as string, 2024)).toBeNull();
    expect(await findPrevious('别的机关', 2023)).toBeNull();
  });

  it('matches the agency name across spacing and full-width forms', async () => {
    await saveRecord(y2022);
    const spaced = ` ${(y2023.report.agency as string).split('').join(' ')} `;
    expect(await findPrevious(spaced, 2023)).not.toBeNull();
  });
});

describe('search', () => {
  it('matches every word against agency, year, title and address', async () => {
    await saveRecord(y2022);
    await saveRecord(y2023);
    await saveRecord(other);
    const { entries } = await readHistory();
    expect(searchHistory(entries, '')).toHaveLength(3);
    expect(
      searchHistory(entries, '金华')
        .map((e) => e.record.report.year)
        .sort(),
    ).toEqual([2022, 2023]);
    expect(searchHistory(entries, '金华 2022').map((e) => e.record.report.year)).toEqual([2022]);
    expect(searchHistory(entries, '２０２３').length).toBe(2);
    expect(searchHistory(entries, '不存在')).toEqual([]);
  });
});
