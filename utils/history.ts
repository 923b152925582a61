/**
 * The history of reports seen, in `browser.storage.local`:
 *
 * - `nianbao:report:<url>`: one plain `ReportRecord` per page address (80–140 KB each), validated with
 *   the schema on the way in and on the way out;
 * - `nianbao:index`: one small summary per stored record (agency, year, title, address, date, counts),
 *   written in the same `set` as the record it describes. The popup lists and searches the index
 *   alone; a full record is read only when it is opened, exported or wanted as last year's report;
 * - `nianbao:aside:<…>`: an entry that no longer validates (or an unreadable index), moved aside whole,
 *   never dropped; the popup says so.
 *
 * The index is derived data. Missing (an install from before it existed) or disagreeing with the stored
 * record keys (a crash between writes, two writers at once), it is brought back in line from the
 * records themselves; unreadable, it is set aside and rebuilt, never trusted.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { ReportRecord, SCHEMA_VERSION } from '@/lib';
import { type Counts, countFindings } from '@/utils/findings';
import { serial } from '@/utils/serial';

export const RECORD_PREFIX = 'nianbao:report:';
export const ASIDE_PREFIX = 'nianbao:aside:';
export const INDEX_KEY = 'nianbao:index';
export const INDEX_VERSION = 1 as const;
/** Records read per `get` when many are wanted (rebuilding the index, exporting everything). */
export const READ_BATCH = 100;

/** `getKeys` lists the keys without their values (Chrome 130+, Firefox 143+); without it the whole area is read. */
type Area = Pick<typeof browser.storage.local, 'get' | 'set' | 'remove'> & { getKeys?: () => Promise<string[]> };

export interface HistoryEntry {
  key: string;
  record: ReportRecord;
}

const CountsSchema = z.object({
  error: z.number().int().nonnegative(),
  warning: z.number().int().nonnegative(),
  info: z.number().int().nonnegative(),
  na: z.number().int().nonnegative(),
  pass: z.number().int().nonnegative(),
});

/** What the list, the search and the counts of one history entry need, without the record. */
export const RecordSummary = z.object({
  key: z.string().startsWith(RECORD_PREFIX),
  url: z.string(),
  title: z.string(),
  agency: z.string().optional(),
  year: z.number().int().optional(),
  capturedAt: z.string(),
  counts: CountsSchema,
});
export type RecordSummary = z.infer<typeof RecordSummary>;

const HistoryIndex = z
  .object({ version: z.literal(INDEX_VERSION), entries: z.array(RecordSummary) })
  .refine((i) => new Set(i.entries.map((e) => e.key)).size === i.entries.length, { message: 'duplicate keys' });
type HistoryIndex = z.infer<typeof HistoryIndex>;

/** An entry that could not be read as a record, kept as it was found. */
export interface AsideEntry {
  key: string;
  /** The key it was stored under. */
  from: string;
  reason: string;
  at: string;
  value: unknown;
}

/** Every stored record, read in full (export, tests). */
export interface History {
  entries: HistoryEntry[];
  aside: AsideEntry[];
}

/** What the popup lists: the summaries, newest first, and what was set aside. */
export interface Listing {
  entries: RecordSummary[];
  aside: AsideEntry[];
}

export const recordKey = (record: ReportRecord): string => RECORD_PREFIX + record.source.url;

export function summarize(record: ReportRecord, key: string = recordKey(record)): RecordSummary {
  const c: Counts = countFindings(record.findings);
  return {
    key,
    url: record.source.url,
    title: record.source.title,
    ...(record.report.agency !== undefined ? { agency: record.report.agency } : {}),
    ...(record.report.year !== undefined ? { year: record.report.year } : {}),
    capturedAt: record.source.capturedAt,
    counts: { error: c.error, warning: c.warning, info: c.info, na: c.na, pass: c.pass },
  };
}

type Migrated = { ok: true; record: ReportRecord } | { ok: false; reason: string };

/**
 * Bring a stored value to the current schema. Version 1 is the only one so far; a value from a
 * newer version (an older extension reading a newer profile) is set aside rather than guessed at.
 */
export function migrate(raw: unknown): Migrated {
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: `not an object (${raw === null ? 'null' : typeof raw})` };
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    return { ok: false, reason: `schemaVersion ${version} is newer than this extension understands (${SCHEMA_VERSION})` };
  }
  const parsed = ReportRecord.safeParse(raw);
  if (parsed.success) return { ok: true, record: parsed.data };
  return { ok: false, reason: describeIssues(parsed.error) };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

// One change of the index at a time within a context (the background hears several tabs at once).
// Another context writing at the same moment can leave the index behind the stored keys: the next
// listing notices and brings it back in line.
const exclusive = serial();

const sortNewestFirst = <T extends { capturedAt: string }>(list: T[]): T[] => list.sort((a, b) => b.capturedAt.localeCompare(a.capturedAt));

type IndexRead = { ok: true; index: HistoryIndex } | { ok: false; missing: boolean; reason: string };

function parseIndex(raw: unknown): IndexRead {
  if (raw === undefined || raw === null) return { ok: false, missing: true, reason: 'missing' };
  const parsed = HistoryIndex.safeParse(raw);
  if (parsed.success) return { ok: true, index: parsed.data };
  return { ok: false, missing: false, reason: describeIssues(parsed.error) };
}

function asideOf(key: string, value: unknown): AsideEntry {
  const v = value as Partial<AsideEntry> | null;
  return {
    key,
    from: typeof v?.from === 'string' ? v.from : key.slice(ASIDE_PREFIX.length),
    reason: typeof v?.reason === 'string' ? v.reason : '',
    at: typeof v?.at === 'string' ? v.at : '',
    value: v?.value ?? value,
  };
}

/**
 * Move values aside, whole, under keys not yet taken (an earlier note for the same address is kept).
 * Written before the originals are removed: a failure in between leaves two copies, never none.
 */
async function setAside(items: AsideEntry[], area: Area): Promise<AsideEntry[]> {
  if (!items.length) return [];
  const taken = (await area.get(items.map((a) => a.key))) as Record<string, unknown>;
  const placed = items.map((a) => (taken[a.key] === undefined ? a : { ...a, key: `${a.key}@${a.at}` }));
  await area.set(Object.fromEntries(placed.map((a) => [a.key, { from: a.from, reason: a.reason, at: a.at, value: a.value }])));
  const originals = placed.map((a) => a.from).filter((k) => k !== INDEX_KEY);
  if (originals.length) await area.remove(originals);
  return placed;
}

async function writeIndex(entries: RecordSummary[], area: Area): Promise<void> {
  // No records, no index: an empty history leaves nothing behind.
  if (entries.length === 0) await area.remove(INDEX_KEY);
  else await area.set({ [INDEX_KEY]: { version: INDEX_VERSION, entries } satisfies HistoryIndex });
}

/** Read stored values in batches; `known` holds values already read (the whole area, without `getKeys`). */
async function readValues(keys: string[], area: Area, known?: Record<string, unknown>): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (known) {
    for (const k of keys) out.set(k, known[k]);
    return out;
  }
  for (let i = 0; i < keys.length; i += READ_BATCH) {
    const batch = keys.slice(i, i + READ_BATCH);
    const got = (await area.get(batch)) as Record<string, unknown>;
    for (const k of batch) out.set(k, got[k]);
  }
  return out;
}

/**
 * The index, in line with the stored record keys: records missing from it are read, validated and
 * added (or set aside), entries whose record is gone are dropped, an unreadable index is set aside
 * and rebuilt from the records. Writes only when something changed.
 */
async function syncIndex(area: Area): Promise<Listing> {
  let keys: string[];
  let all: Record<string, unknown> | undefined;
  if (typeof area.getKeys === 'function') {
    keys = await area.getKeys();
  } else {
    all = (await area.get(null)) as Record<string, unknown>;
    keys = Object.keys(all);
  }
  const asideKeys = keys.filter((k) => k.startsWith(ASIDE_PREFIX));
  const recordKeys = keys.filter((k) => k.startsWith(RECORD_PREFIX));
  const small = all ?? ((await area.get([INDEX_KEY, ...asideKeys])) as Record<string, unknown>);

  const aside = asideKeys.map((k) => asideOf(k, small[k]));
  const read = parseIndex(small[INDEX_KEY]);
  const newAside: AsideEntry[] = [];
  let entries: RecordSummary[] = [];
  let changed = false;
  if (read.ok) {
    entries = read.index.entries;
  } else {
    changed = true;
    if (!read.missing) {
      const at = new Date().toISOString();
      newAside.push({
        key: `${ASIDE_PREFIX}${INDEX_KEY}@${at}`,
        from: INDEX_KEY,
        reason: `history index unreadable (${read.reason}); rebuilt from the stored records, none lost`,
        at,
        value: small[INDEX_KEY],
      });
    }
  }

  const stored = new Set(recordKeys);
  const kept = entries.filter((e) => stored.has(e.key));
  if (kept.length !== entries.length) changed = true;
  const indexed = new Set(kept.map((e) => e.key));
  const unindexed = recordKeys.filter((k) => !indexed.has(k));
  if (unindexed.length) {
    changed = true;
    const values = await readValues(unindexed, area, all);
    for (const [key, value] of values) {
      const m = migrate(value);
      if (m.ok) kept.push(summarize(m.record, key));
      else
        newAside.push({
          key: ASIDE_PREFIX + key.slice(RECORD_PREFIX.length),
          from: key,
          reason: m.reason,
          at: new Date().toISOString(),
          value,
        });
    }
  }

  // An unreadable index is kept aside too, then replaced by the rebuilt one just below.
  const placed = await setAside(newAside, area);
  // A missing index over no records stays missing: writing nothing twice would only wake the listeners.
  if (changed && !(read.ok === false && read.missing && kept.length === 0)) await writeIndex(kept, area);
  return { entries: sortNewestFirst([...kept]), aside: [...aside, ...placed] };
}

/** The history as the popup lists it: summaries only, newest first, with what was set aside. */
export function listHistory(area: Area = browser.storage.local): Promise<Listing> {
  return exclusive(() => syncIndex(area));
}

/** Store a record under its page address, with its summary, replacing the previous visit of the same page. Throws when it is invalid. */
export async function saveRecord(record: unknown, area: Area = browser.storage.local): Promise<HistoryEntry> {
  const valid = ReportRecord.parse(record);
  const key = recordKey(valid);
  return exclusive(async () => {
    const read = parseIndex(((await area.get(INDEX_KEY)) as Record<string, unknown>)[INDEX_KEY]);
    const entries = read.ok ? read.index.entries : (await syncIndex(area)).entries;
    const next = [...entries.filter((e) => e.key !== key), summarize(valid)];
    // One `set`: the record and its summary are stored together or not at all.
    await area.set({ [key]: valid, [INDEX_KEY]: { version: INDEX_VERSION, entries: next } satisfies HistoryIndex });
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
    else
      bad.push({ key: ASIDE_PREFIX + key.slice(RECORD_PREFIX.length), from: key, reason: m.reason, at: new Date().toISOString(), value });
  }
  if (bad.length || gone.length) {
    await setAside(bad, area);
    const drop = new Set([...gone, ...bad.map((b) => b.from)]);
    const read = parseIndex(((await area.get(INDEX_KEY)) as Record<string, unknown>)[INDEX_KEY]);
    if (read.ok)
      await writeIndex(
        read.index.entries.filter((e) => !drop.has(e.key)),
        area,
      );
  }
  return out;
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
    if (drop.size) {
      const read = parseIndex(((await area.get(INDEX_KEY)) as Record<string, unknown>)[INDEX_KEY]);
      // The index first: a failure before the records go leaves them unlisted, and the next listing lists them again.
      if (read.ok)
        await writeIndex(
          read.index.entries.filter((e) => !drop.has(e.key)),
          area,
        );
    }
    await area.remove(keys);
  });
}

/** Agency names compared without spaces and with full-width letters and digits folded. */
export function sameAgency(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return fold(a) === fold(b);
}

/**
 * The latest stored record of the same body for the year before, for the cross-year checks. Runs on
 * every report page: the index gives the key, and only that record is read.
 */
export async function findPrevious(agency: string, year: number, area: Area = browser.storage.local): Promise<ReportRecord | null> {
  const read = parseIndex(((await area.get(INDEX_KEY)) as Record<string, unknown>)[INDEX_KEY]);
  const entries = read.ok ? read.index.entries : (await listHistory(area)).entries;
  const candidates = sortNewestFirst(entries.filter((e) => e.year === year - 1 && e.agency !== undefined && sameAgency(e.agency, agency)));
  for (const c of candidates) {
    const record = await readRecord(c.key, area);
    if (record) return record;
  }
  return null;
}

type Searchable = { record: ReportRecord } | RecordSummary;

/** Entries whose agency, year, title or address contain every word of the query. */
export function searchHistory<T extends Searchable>(entries: readonly T[], query: string): T[] {
  const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e: Searchable) => {
    const s: Pick<RecordSummary, 'agency' | 'year' | 'title' | 'url'> = 'record' in e ? { ...summarize(e.record) } : e;
    const hay = [s.agency ?? '', s.year ?? '', s.title, s.url].join(' ').normalize('NFKC').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
