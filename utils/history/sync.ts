/**
 * Keeping the index honest. It is derived data: missing (an install from before it existed) or
 * disagreeing with the stored record keys (a crash between writes, two writers at once), it is
 * brought back in line from the records themselves; unreadable, it is set aside and rebuilt, never
 * trusted.
 */
import { type Area, parseIndex, readValues, writeIndex } from './area';
import { asideOf, asideRecord, setAside } from './aside';
import { migrate } from './migrate';
import {
  ASIDE_PREFIX,
  type AsideEntry,
  INDEX_KEY,
  type Listing,
  RECORD_PREFIX,
  type RecordSummary,
  sortNewestFirst,
  summarize,
} from './summary';

/**
 * The index, in line with the stored record keys: records missing from it are read, validated and
 * added (or set aside), entries whose record is gone are dropped, an unreadable index is set aside
 * and rebuilt from the records. Writes only when something changed.
 */
export async function syncIndex(area: Area): Promise<Listing> {
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
      else newAside.push(asideRecord(key, m.reason, value));
    }
  }

  // An unreadable index is kept aside too, then replaced by the rebuilt one just below.
  const placed = await setAside(newAside, area);
  // A missing index over no records stays missing: writing nothing twice would only wake the listeners.
  if (changed && !(read.ok === false && read.missing && kept.length === 0)) await writeIndex(kept, area);
  return { entries: sortNewestFirst([...kept]), aside: [...aside, ...placed] };
}
