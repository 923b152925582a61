/**
 * Reading and writing the history in `browser.storage.local`, one change at a time: records saved
 * with their summary, read back through the schema (the unreadable set aside), removed, and last
 * year's record of an agency found from the index alone.
 */
import { browser } from 'wxt/browser';
import { ReportRecord } from '@/lib';
import { serial } from '@/utils/serial';
import { type Area, indexValue, readIndex, readValues, writeIndex } from './area';
import { asideRecord, setAside } from './aside';
import { migrate } from './migrate';
import { sameAgency } from './search';
import {
  type AsideEntry,
  type History,
  type HistoryEntry,
  INDEX_KEY,
  type Listing,
  RECORD_PREFIX,
  recordKey,
  sortNewestFirst,
  summarize,
} from './summary';
import { syncIndex } from './sync';

// One change of the index at a time within a context (the background hears several tabs at once).
// Another context writing at the same moment can leave the index behind the stored keys: the next
// listing notices and brings it back in line.
const exclusive = serial();

/** The history as the popup lists it: summaries only, newest first, with what was set aside. */
export function listHistory(area: Area = browser.storage.local): Promise<Listing> {
  return exclusive(() => syncIndex(area));
}

/** Store a record under its page address, with its summary, replacing the previous visit of the same page. Throws when it is invalid. */
export async function saveRecord(record: unknown, area: Area = browser.storage.local): Promise<HistoryEntry> {
  const valid = ReportRecord.parse(record);
  const key = recordKey(valid);
  return exclusive(async () => {
    const read = await readIndex(area);
    const entries = read.ok ? read.index.entries : (await syncIndex(area)).entries;
    const next = [...entries.filter((e) => e.key !== key), summarize(valid)];
    // One `set`: the record and its summary are stored together or not at all.
    await area.set({ [key]: valid, [INDEX_KEY]: indexValue(next) });
    return { key, record: valid };
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

/** Leave these record keys out of a readable index (an unreadable one is the next listing's to rebuild). */
async function dropFromIndex(drop: ReadonlySet<string>, area: Area): Promise<void> {
  const read = await readIndex(area);
  if (read.ok)
    await writeIndex(
      read.index.entries.filter((e) => !drop.has(e.key)),
      area,
    );
}

/** One stored record, read through the schema; null when it is gone or was set aside as unreadable. */
export async function readRecord(key: string, area: Area = browser.storage.local): Promise<ReportRecord | null> {
  return exclusive(async () => (await readChecked([key], area)).get(key) ?? null);
}

/** Stored records by key, in the order asked, read in batches; the unreadable are set aside and left out. */
export async function readRecords(keys: readonly string[], area: Area = browser.storage.local): Promise<HistoryEntry[]> {
  return exclusive(async () => {
    const got = await readChecked([...keys], area);
    return keys.flatMap((key) => {
      const record = got.get(key);
      return record ? [{ key, record }] : [];
    });
  });
}

/** Every stored record, newest first; invalid entries are moved aside on the way. */
export async function readHistory(area: Area = browser.storage.local): Promise<History> {
  const listing = await listHistory(area);
  const entries = await readRecords(
    listing.entries.map((e) => e.key),
    area,
  );
  const again = entries.length === listing.entries.length ? listing : await listHistory(area);
  return { entries, aside: again.aside };
}

/** Remove records (from the store and the index) and set-aside entries. */
export async function removeEntries(keys: string[], area: Area = browser.storage.local): Promise<void> {
  if (!keys.length) return;
  await exclusive(async () => {
    const drop = new Set(keys.filter((k) => k.startsWith(RECORD_PREFIX)));
    // The index first: a failure before the records go leaves them unlisted, and the next listing lists them again.
    if (drop.size) await dropFromIndex(drop, area);
    await area.remove(keys);
  });
}

/**
 * The latest stored record of the same body for the year before, for the cross-year checks. Runs on
 * every report page: the index gives the key, and only that record is read.
 */
export async function findPrevious(agency: string, year: number, area: Area = browser.storage.local): Promise<ReportRecord | null> {
  const read = await readIndex(area);
  const entries = read.ok ? read.index.entries : (await listHistory(area)).entries;
  const candidates = sortNewestFirst(entries.filter((e) => e.year === year - 1 && e.agency !== undefined && sameAgency(e.agency, agency)));
  for (const c of candidates) {
    const record = await readRecord(c.key, area);
    if (record) return record;
  }
  return null;
}
