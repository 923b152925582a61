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
  repairHistory,
  salvage,
  saveRecord,
  searchHistory,
} from '../../utils/history';
import { reportIdentity } from '../../utils/history/identity';
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
  it('stores a plain record under its report’s identity and reads it back through the schema', async () => {
    await saveRecord(y2023);
    const raw = await local().get(null);
    // The record, and its summary in the index.
    expect(Object.keys(raw).sort()).toEqual([INDEX_KEY, recordKey(y2023)].sort());
    expect(raw[recordKey(y2023)]).toEqual(y2023);
    const { entries, aside } = await readHistory();
    expect(aside).toEqual([]);
    expect(entries.map((e) => e.record)).toEqual([y2023]);
  });

  it('sets aside, whole and visibly, what cannot be saved as a record at all', async () => {
    const newer = { ...y2023, schemaVersion: 2 };
    const saved = await saveRecord(newer);
    expect(saved.key).toBeNull();
    expect(saved.aside?.kind).toBe('unsaved');
    expect(saved.aside?.value).toEqual(newer);
    await saveRecord({ hello: 'world' });
    const raw = await local().get(null);
    expect(Object.keys(raw).filter((k) => k.startsWith(RECORD_PREFIX))).toEqual([]);
    const { aside } = await readHistory();
    expect(aside.map((a) => a.kind)).toEqual(['unsaved', 'unsaved']);
    expect(aside.map((a) => a.value)).toEqual(expect.arrayContaining([newer, { hello: 'world' }]));
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
    const left = await local().get(null);
    expect(Object.keys(left).filter((k) => k.startsWith(ASIDE_PREFIX) || k.startsWith(RECORD_PREFIX))).toEqual([]);
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

describe('one record per report', () => {
  const at = (r: ReportRecord, url: string, capturedAt: string): ReportRecord => ({ ...r, source: { ...r.source, url, capturedAt } });

  it('updates one entry when the same report is read at another address (?from=search, #anchor, in-page navigation)', async () => {
    const plain = y2023.source.url;
    await saveRecord(at(y2023, `${plain}?from=search`, '2024-01-01T00:00:00.000Z'));
    await saveRecord(at(y2023, `${plain}#part3`, '2024-01-02T00:00:00.000Z'));
    await saveRecord(at(y2023, plain, '2024-01-03T00:00:00.000Z'));
    const raw = await local().get(null);
    expect(Object.keys(raw).filter((k) => k.startsWith(RECORD_PREFIX))).toEqual([recordKey(y2023)]);
    expect(recordKey(y2023)).toBe(`${RECORD_PREFIX}${reportIdentity(y2023)}`);
    const { entries } = await readHistory();
    expect(entries.map((e) => e.record.source.capturedAt)).toEqual(['2024-01-03T00:00:00.000Z']);
  });

  it('keys a page without body or year by its address without tracking parameters and fragment', async () => {
    const anonymous = { ...other, report: { ...other.report, agency: undefined } } as ReportRecord;
    delete (anonymous.report as { agency?: string }).agency;
    await saveRecord(at(anonymous, 'http://www.x.gov.cn/a.html?utm_source=wx#top', '2024-01-01T00:00:00.000Z'));
    await saveRecord(at(anonymous, 'http://www.x.gov.cn/a.html', '2024-01-02T00:00:00.000Z'));
    const keys = Object.keys(await local().get(null)).filter((k) => k.startsWith(RECORD_PREFIX));
    expect(keys).toEqual([`${RECORD_PREFIX}url:http://www.x.gov.cn/a.html`]);
  });

  it('makes two old entries of one report one, the earlier reading set aside exactly as it was (none lost)', async () => {
    const older = at(y2023, `${y2023.source.url}?from=search`, '2024-01-01T00:00:00.000Z');
    const newer = at(y2023, y2023.source.url, '2024-02-01T00:00:00.000Z');
    await local().set({ [`${RECORD_PREFIX}${older.source.url}`]: older, [`${RECORD_PREFIX}${newer.source.url}`]: newer });
    await repairHistory();
    const raw = await local().get(null);
    expect(Object.keys(raw).filter((k) => k.startsWith(RECORD_PREFIX))).toEqual([`${RECORD_PREFIX}${newer.source.url}`]);
    const { entries, aside } = await readHistory();
    expect(entries.map((e) => e.record)).toEqual([newer]);
    expect(aside.map((a) => [a.kind, a.from])).toEqual([['superseded', `${RECORD_PREFIX}${older.source.url}`]]);
    expect(aside[0]?.value).toEqual(older);
  });

  it('never loses a reading when setting one aside stops half-way (a failed remove): copies, never gaps', async () => {
    const older = at(y2023, `${y2023.source.url}?from=search`, '2024-01-01T00:00:00.000Z');
    const newer = at(y2023, y2023.source.url, '2024-02-01T00:00:00.000Z');
    await local().set({ [`${RECORD_PREFIX}${older.source.url}`]: older, [`${RECORD_PREFIX}${newer.source.url}`]: newer });
    const inner = local();
    const flaky = {
      get: inner.get.bind(inner),
      set: inner.set.bind(inner),
      remove: async () => {
        throw new Error('disk full');
      },
      getKeys: async () => Object.keys(await inner.get(null)),
    } as unknown as Parameters<typeof repairHistory>[0];
    await expect(repairHistory(flaky)).rejects.toThrow('disk full');
    const raw = await local().get(null);
    expect(raw[`${RECORD_PREFIX}${older.source.url}`]).toEqual(older);
    expect(
      Object.entries(raw).filter(([k, v]) => k.startsWith(ASIDE_PREFIX) && (v as { value: unknown }).value !== undefined),
    ).toHaveLength(1);
    // The next repair finishes: one entry, the earlier reading aside, nothing lost.
    await repairHistory();
    const { entries, aside } = await readHistory();
    expect(entries.map((e) => e.record)).toEqual([newer]);
    expect(aside.length).toBeGreaterThanOrEqual(1);
    expect(aside.every((a) => JSON.stringify(a.value) === JSON.stringify(older))).toBe(true);
  });
});

describe('what fails the schema', () => {
  it('is saved without the parts that fail, the whole kept aside with a note the popup shows', async () => {
    const failing = other.findings.find((f) => f.status === 'fail' && f.difference !== undefined) as (typeof other.findings)[number];
    // NaN arrives as null through a message: a finding whose difference is null.
    const bad = {
      ...other,
      findings: other.findings.map((f) => (f.id === failing.id ? { ...f, difference: null } : f)),
    };
    const saved = await saveRecord(bad);
    expect(saved.key).toBe(recordKey(other));
    // Only the broken field went: the finding itself, and everything else, is kept.
    const kept = saved.record?.findings.find((f) => f.id === failing.id);
    expect(kept).toEqual((({ difference: _, ...rest }) => rest)(failing));
    expect(saved.record?.findings).toHaveLength(other.findings.length);
    expect(saved.aside?.kind).toBe('partial');
    expect(saved.aside?.reason).toContain(`findings.${other.findings.indexOf(failing)}.difference`);
    expect(saved.aside?.value).toEqual(bad);
    const { entries, aside } = await readHistory();
    expect(entries).toHaveLength(1);
    expect(aside.map((a) => a.kind)).toEqual(['partial']);
  });

  it('cuts a cell whose value is broken, and a finding whose required part is, never the record', () => {
    const cells = y2023.tables.applications as NonNullable<ReportRecord['tables']['applications']>;
    const bad = structuredClone(y2023) as unknown as {
      tables: { applications: Record<string, Record<string, { value: unknown }>> };
      findings: { id: unknown }[];
    };
    (bad.tables.applications.granted as Record<string, { value: unknown }>).total = { value: 'x' };
    (bad.findings[0] as { id: unknown }).id = 42;
    const s = salvage(bad);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.record.tables.applications?.granted?.total).toBeUndefined();
    expect(s.record.tables.applications?.granted?.naturalPerson).toEqual(cells.granted?.naturalPerson);
    expect(s.record.findings).toHaveLength(y2023.findings.length - 1);
    expect(s.dropped).toHaveLength(2);
  });

  it('is set aside whole when what a record cannot lack is broken', () => {
    const s = salvage({ ...y2023, source: { ...y2023.source, capturedAt: 'yesterday' } });
    expect(s.ok).toBe(false);
    expect(!s.ok && s.reason).toContain('capturedAt');
    expect(salvage('text').ok).toBe(false);
  });
});
