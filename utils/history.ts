/**
 * The history of reports seen, in `browser.storage.local`: one key per page address holding a plain
 * `ReportRecord`, validated with the schema on the way in and on the way out. An entry that no
 * longer validates is never dropped: it is moved aside, whole, under its own key, and the popup says so.
 */
import { browser } from 'wxt/browser';
import { ReportRecord, SCHEMA_VERSION } from '@/lib';

export const RECORD_PREFIX = 'nianbao:report:';
export const ASIDE_PREFIX = 'nianbao:aside:';

type Area = Pick<typeof browser.storage.local, 'get' | 'set' | 'remove'>;

export interface HistoryEntry {
  key: string;
  record: ReportRecord;
}

/** An entry that could not be read as a record, kept as it was found. */
export interface AsideEntry {
  key: string;
  /** The key it was stored under. */
  from: string;
  reason: string;
  at: string;
  value: unknown;
}

export interface History {
  entries: HistoryEntry[];
  aside: AsideEntry[];
}

export const recordKey = (record: ReportRecord): string => RECORD_PREFIX + record.source.url;

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
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, reason: issues.join('; ') };
}

/** Store a record under its page address, replacing the previous visit of the same page. Throws when it is invalid. */
export async function saveRecord(record: unknown, area: Area = browser.storage.local): Promise<HistoryEntry> {
  const valid = ReportRecord.parse(record);
  const key = recordKey(valid);
  await area.set({ [key]: valid });
  return { key, record: valid };
}

/** Every stored record, newest first; invalid entries are moved aside on the way. */
export async function readHistory(area: Area = browser.storage.local): Promise<History> {
  const all = (await area.get(null)) as Record<string, unknown>;
  const entries: HistoryEntry[] = [];
  const aside: AsideEntry[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith(ASIDE_PREFIX)) {
      const v = value as Partial<AsideEntry> | null;
      aside.push({
        key,
        from: typeof v?.from === 'string' ? v.from : key.slice(ASIDE_PREFIX.length),
        reason: typeof v?.reason === 'string' ? v.reason : '',
        at: typeof v?.at === 'string' ? v.at : '',
        value: v?.value ?? value,
      });
      continue;
    }
    if (!key.startsWith(RECORD_PREFIX)) continue;
    const m = migrate(value);
    if (m.ok) {
      entries.push({ key, record: m.record });
      continue;
    }
    const set: AsideEntry = {
      key: ASIDE_PREFIX + key.slice(RECORD_PREFIX.length),
      from: key,
      reason: m.reason,
      at: new Date().toISOString(),
      value,
    };
    // Written before the original is removed: a failure in between leaves two copies, never none.
    await area.set({ [set.key]: { from: set.from, reason: set.reason, at: set.at, value: set.value } });
    await area.remove(key);
    aside.push(set);
  }
  entries.sort((a, b) => b.record.source.capturedAt.localeCompare(a.record.source.capturedAt));
  return { entries, aside };
}

export async function removeEntries(keys: string[], area: Area = browser.storage.local): Promise<void> {
  if (keys.length) await area.remove(keys);
}

/** Agency names compared without spaces and with full-width letters and digits folded. */
export function sameAgency(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return fold(a) === fold(b);
}

/**
 * The latest stored record of the same body for the year before, for the cross-year checks. Runs on
 * every report page, so only the stored values that could match are validated (all are, in the popup).
 */
export async function findPrevious(agency: string, year: number, area: Area = browser.storage.local): Promise<ReportRecord | null> {
  const all = (await area.get(null)) as Record<string, unknown>;
  let best: ReportRecord | null = null;
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(RECORD_PREFIX)) continue;
    const report = (value as { report?: { agency?: unknown; year?: unknown } } | null)?.report;
    if (report?.year !== year - 1 || typeof report.agency !== 'string' || !sameAgency(report.agency, agency)) continue;
    const m = migrate(value);
    if (m.ok && (!best || m.record.source.capturedAt > best.source.capturedAt)) best = m.record;
  }
  return best;
}

/** Entries whose agency, year, title or address contain every word of the query. */
export function searchHistory(entries: readonly HistoryEntry[], query: string): HistoryEntry[] {
  const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    const r = e.record;
    const hay = [r.report.agency ?? '', r.report.year ?? '', r.source.title, r.source.url].join(' ').normalize('NFKC').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
