/**
 * Reading and writing the history in `browser.storage.local`, one change at a time: records saved
 * under their report's identity with their summary (what fails the schema saved in part, the rest set
 * aside), read back through the schema a batch at a time (the unreadable set aside), removed with
 * what it takes to put them back, and last year's record of an agency found from its key or the index.
 */
import { browser } from 'wxt/browser';
import type { ReportRecord } from '@/lib';
import { REVIEW_PREFIX } from '@/utils/reviews/store';
import { type Area, exclusive, indexValue, READ_BATCH, readIndex, readValues, writeIndex } from './area';
import { asideRecord, asideValue, placeAside, setAside } from './aside';
import { foldAgency } from './identity';
import { indexOrAside, listNow } from './listing';
import { migrate } from './migrate';
import { repairHistory } from './repair';
import { salvage } from './salvage';
import { sameAgency } from './search';
import {
  type AsideEntry,
  type History,
  type HistoryEntry,
  INDEX_KEY,
  identityOfKey,
  type Listing,
  RECORD_PREFIX,
  type RecordSummary,
  recordKey,
  sortNewestFirst,
  summarize,
  summaryIdentity,
} from './summary';

/** The history as the popup lists it, at once: summaries newest first, records not summarised yet, what was set aside, verdicts. */
export function listHistory(area: Area = browser.storage.local): Promise<Listing> {
  return exclusive(() => listNow(area));
}

/** What became of a record handed to the history. */
export interface Saved {
  /** Where it is kept; null when nothing of it could be kept as a record (it is set aside whole). */
  key: string | null;
  record: ReportRecord | null;
  /** The note beside it: the whole value, when it was saved in part or not at all. */
  aside?: AsideEntry;
}

/**
 * Store a record under its report's identity, with its summary, replacing the previous reading of
 * the same report. A value that fails the schema is saved without the parts that fail (the whole
 * kept aside, with what was left out), or set aside whole when no record is left. Never throws for
 * bad input; rejects only when storage itself fails.
 */
export async function saveRecord(value: unknown, area: Area = browser.storage.local): Promise<Saved> {
  const s = salvage(value);
  return exclusive(async () => {
    if (!s.ok) {
      const url = (value as { source?: { url?: unknown } } | null)?.source?.url;
      const where = `${RECORD_PREFIX}unsaved:${typeof url === 'string' ? url : new Date().toISOString()}`;
      const [note] = await setAside([asideRecord(where, s.reason, value, 'unsaved')], area, { remove: false });
      return { key: null, record: null, ...(note ? { aside: note } : {}) };
    }
    const key = recordKey(s.record);
    const raw = (await area.get([INDEX_KEY])) as Record<string, unknown>;
    const { read } = await indexOrAside(raw[INDEX_KEY], area);
    const entries = read.ok ? read.index.entries : [];
    // The report's earlier reading, wherever it is kept (an address key from before identities): this one replaces it.
    const identity = identityOfKey(key);
    const replaced = entries.filter((e) => e.key !== key && summaryIdentity(e) === identity).map((e) => e.key);
    const next = [...entries.filter((e) => e.key !== key && !replaced.includes(e.key)), summarize(s.record, key)];
    const write: Record<string, unknown> = { [key]: s.record, [INDEX_KEY]: indexValue(next) };
    let note: AsideEntry | undefined;
    if (s.dropped.length) {
      const more = s.dropped.length > 3 ? ` (+${s.dropped.length - 3})` : '';
      const wanted = asideRecord(key, `${s.dropped.slice(0, 3).join('; ')}${more}`, value, 'partial');
      [note] = placeAside([wanted], (await area.get(wanted.key)) as Record<string, unknown>);
      if (note) write[note.key] = asideValue(note);
    }
    // One `set`: the record, its summary and its note are stored together or not at all.
    await area.set(write);
    if (replaced.length) await area.remove(replaced);
    return { key, record: s.record, ...(note ? { aside: note } : {}) };
  });
}

/** Validate stored values; the ones that fail are set aside and left out of the index. */
async function readChecked(keys: string[], area: Area): Promise<Map<string, ReportRecord>> {
  const values = await readValues(keys, area);
  const out = new Map<string, ReportRecord>();
  const bad: AsideEntry[] = [];
  const gone: string[] = [];
  for (const [key, value] of values) {
    if (value === undefined) {
      gone.push(key);
      continue;
    }
    const m = migrate(value);
    if (m.ok) out.set(key, m.record);
    else bad.push(asideRecord(key, m.reason, value));
  }
  if (bad.length || gone.length) {
    await setAside(bad, area);
    await dropFromIndex(new Set([...gone, ...bad.map((b) => b.from)]), area);
  }
  return out;
}

/** Leave these record keys out of a readable index (an unreadable one is the repair's to rebuild). */
async function dropFromIndex(drop: ReadonlySet<string>, area: Area): Promise<RecordSummary[]> {
  const read = await readIndex(area);
  if (!read.ok) return [];
  const dropped = read.index.entries.filter((e) => drop.has(e.key));
  if (dropped.length)
    await writeIndex(
      read.index.entries.filter((e) => !drop.has(e.key)),
      area,
    );
  return dropped;
}

/** One stored record, read through the schema; null when it is gone or was set aside as unreadable. */
export async function readRecord(key: string, area: Area = browser.storage.local): Promise<ReportRecord | null> {
  return exclusive(async () => (await readChecked([key], area)).get(key) ?? null);
}

/** Stored records by key, in the order asked, read in batches; the unreadable are set aside and left out. */
export async function readRecords(keys: readonly string[], area: Area = browser.storage.local): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  for await (const batch of recordBatches(keys, area)) out.push(...batch.entries);
  return out;
}

/** One batch of stored records, and how many asked for were not there or set aside as unreadable. */
export interface RecordBatch {
  entries: HistoryEntry[];
  missing: number;
}

/**
 * Stored records by key, in the order asked, `size` at a time, each batch read and validated only
 * when the one before has been used: what is held at once is one batch, whatever the history's size.
 */
export async function* recordBatches(
  keys: readonly string[],
  area: Area = browser.storage.local,
  size = READ_BATCH,
): AsyncGenerator<RecordBatch> {
  for (let i = 0; i < keys.length; i += size) {
    const slice = keys.slice(i, i + size);
    const got = await exclusive(() => readChecked(slice, area));
    const entries = slice.flatMap((key) => {
      const record = got.get(key);
      return record ? [{ key, record }] : [];
    });
    yield { entries, missing: slice.length - entries.length };
  }
}

/** Every stored record, newest first, after a repair; invalid entries are moved aside on the way (tests, small histories). */
export async function readHistory(area: Area = browser.storage.local): Promise<History> {
  await repairHistory(area);
  const listing = await listHistory(area);
  const entries = await readRecords(
    listing.entries.map((e) => e.key),
    area,
  );
  const again = entries.length === listing.entries.length ? listing : await listHistory(area);
  return { entries, aside: again.aside };
}

/** What a removal took away, exactly as it was stored: enough to put it all back (`restoreEntries`). */
export interface Removed {
  values: Record<string, unknown>;
  summaries: RecordSummary[];
}

/**
 * Remove records (from the store and the index, with their report's verdicts) and set-aside entries.
 * Resolves with what was removed, for an undo.
 */
export async function removeEntries(keys: string[], area: Area = browser.storage.local): Promise<Removed> {
  if (!keys.length) return { values: {}, summaries: [] };
  return exclusive(async () => {
    const records = keys.filter((k) => k.startsWith(RECORD_PREFIX));
    const read = await readIndex(area);
    const known = new Map((read.ok ? read.index.entries : []).map((e) => [e.key, e]));
    const reviews = records.map((k) => {
      const s = known.get(k);
      return REVIEW_PREFIX + (s ? summaryIdentity(s) : identityOfKey(k));
    });
    const all = [...keys, ...reviews];
    const values = Object.fromEntries(Object.entries((await area.get(all)) as Record<string, unknown>).filter(([, v]) => v !== undefined));
    // The index first: a failure before the records go leaves them unlisted, and the repair lists them again.
    const summaries = records.length ? await dropFromIndex(new Set(records), area) : [];
    await area.remove(all);
    return { values, summaries };
  });
}

/**
 * Put back what `removeEntries` took away, exactly: the same values under the same keys, and their
 * summaries in the index. A key written again meanwhile (the report read again) keeps its newer value.
 */
export async function restoreEntries(removed: Removed, area: Area = browser.storage.local): Promise<void> {
  const keys = Object.keys(removed.values);
  if (!keys.length) return;
  await exclusive(async () => {
    const now = (await area.get([...keys, INDEX_KEY])) as Record<string, unknown>;
    const back = Object.fromEntries(Object.entries(removed.values).filter(([k]) => now[k] === undefined));
    const { read } = await indexOrAside(now[INDEX_KEY], area);
    const entries = read.ok ? read.index.entries : [];
    const listed = new Set(entries.map((e) => e.key));
    const summaries = removed.summaries.filter((s) => back[s.key] !== undefined && !listed.has(s.key));
    await area.set({ ...back, ...(summaries.length ? { [INDEX_KEY]: indexValue([...entries, ...summaries]) } : {}) });
  });
}

/**
 * The latest stored record of the same body for the year before, for the cross-year checks. Runs on
 * every report page: the report's identity gives its key; records of the old layout are found from
 * the index; only the record found is read.
 */
export async function findPrevious(agency: string, year: number, area: Area = browser.storage.local): Promise<ReportRecord | null> {
  const direct = `${RECORD_PREFIX}report:${foldAgency(agency)}|${year - 1}`;
  // One read of one key: most pages have no record of last year, and the rest have it under this key.
  const value = ((await area.get(direct)) as Record<string, unknown>)[direct];
  if (value !== undefined) {
    const m = migrate(value);
    if (m.ok) return m.record;
    await readRecord(direct, area); // sets it aside, visibly
  }
  const read = await readIndex(area);
  const entries = read.ok ? read.index.entries : [];
  const wanted = identityOfKey(direct);
  const candidates = sortNewestFirst(
    entries.filter(
      (e) =>
        e.key !== direct &&
        (summaryIdentity(e) === wanted || (e.year === year - 1 && e.agency !== undefined && sameAgency(e.agency, agency))),
    ),
  );
  for (const c of candidates) {
    const found = await readRecord(c.key, area);
    if (found) return found;
  }
  return null;
}
