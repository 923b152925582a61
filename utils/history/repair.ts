/**
 * Bringing the index in line with the stored records, in the background, a batch at a time: records
 * it does not describe, and those whose summaries are from before the workbench's figures, are read,
 * validated and summarised (or set aside), summaries from before identities get theirs (from the
 * summary alone), and where two entries are readings of the same
 * report (the history before identities kept one per address), the newer stays the entry and the
 * earlier is set aside as superseded: nothing is lost. Records are never moved (see summary.ts). A
 * listing meanwhile shows what is known so far.
 */
import { browser } from 'wxt/browser';
import { type Area, exclusive, indexValue, listKeys, READ_BATCH, readIndex, readValues } from './area';
import { asideRecord, setAside } from './aside';
import { indexOrAside } from './listing';
import { migrate } from './migrate';
import { type AsideEntry, INDEX_KEY, RECORD_PREFIX, type RecordSummary, summarize, summaryIdentity } from './summary';

export interface RepairProgress {
  done: number;
  total: number;
}

export interface Repaired {
  /** Records summarised, or summaries given their identity. */
  repaired: number;
  /** Values set aside on the way (unreadable, superseded). */
  aside: number;
}

/** Summarise one batch of records the index does not describe, and write the index with them. */
async function summariseBatch(keys: string[], area: Area, all: Record<string, unknown> | undefined): Promise<Repaired> {
  const values = await readValues(keys, area, all);
  const read = await readIndex(area);
  const entries = new Map<string, RecordSummary>((read.ok ? read.index.entries : []).map((e) => [e.key, e]));
  const bad: AsideEntry[] = [];
  let repaired = 0;
  for (const [key, value] of values) {
    // Deleted meanwhile, or summarised already: by a save meanwhile, or with the figures of today's summaries.
    const known = entries.get(key);
    if (value === undefined || (known && known.figures !== undefined)) continue;
    const m = migrate(value);
    if (m.ok) {
      entries.set(key, summarize(m.record, key));
      repaired++;
    } else bad.push(asideRecord(key, m.reason, value));
  }
  const placed = await setAside(bad, area);
  if (repaired) await area.set({ [INDEX_KEY]: indexValue([...entries.values()]) });
  return { repaired, aside: placed.length };
}

/** Summaries without their identity get it, and the earlier of two readings of one report is set aside. */
async function settleIdentities(area: Area): Promise<Repaired> {
  const read = await readIndex(area);
  if (!read.ok) return { repaired: 0, aside: 0 };
  const missing = read.index.entries.filter((e) => e.identity === undefined).length;
  const byReport = new Map<string, RecordSummary>();
  const earlier: RecordSummary[] = [];
  for (const e of read.index.entries) {
    const entry = { ...e, identity: summaryIdentity(e) };
    const other = byReport.get(entry.identity);
    if (!other) byReport.set(entry.identity, entry);
    else if (other.capturedAt < entry.capturedAt) {
      earlier.push(other);
      byReport.set(entry.identity, entry);
    } else earlier.push(entry);
  }
  if (!missing && !earlier.length) return { repaired: 0, aside: 0 };
  const values = earlier.length ? ((await area.get(earlier.map((e) => e.key))) as Record<string, unknown>) : {};
  const notes = earlier
    .filter((e) => values[e.key] !== undefined)
    .map((e) => asideRecord(e.key, `${e.capturedAt} · ${e.url}`, values[e.key], 'superseded'));
  // The notes first (setAside removes the originals only once they are written), then the index without them.
  const placed = await setAside(notes, area);
  await area.set({ [INDEX_KEY]: indexValue([...byReport.values()]) });
  return { repaired: missing, aside: placed.length };
}

/**
 * Repair the whole history. A batch at a time, each one change of the history (a record saved
 * meanwhile waits for one batch, not the whole repair). Resolves when there is nothing left to do.
 */
export async function repairHistory(
  area: Area = browser.storage.local,
  { batch = READ_BATCH, onProgress }: { batch?: number; onProgress?: (p: RepairProgress) => void } = {},
): Promise<Repaired> {
  const { keys, all } = await exclusive(async () => {
    const listed = await listKeys(area);
    const raw = listed.all ?? ((await area.get(INDEX_KEY)) as Record<string, unknown>);
    await indexOrAside(raw[INDEX_KEY], area);
    const read = await readIndex(area);
    const indexed = new Set(read.ok ? read.index.entries.map((e) => e.key) : []);
    // Summaries from before the workbench's figures are made again from their records, once.
    const stale = new Set(read.ok ? read.index.entries.filter((e) => e.figures === undefined).map((e) => e.key) : []);
    const work = listed.keys.filter((k) => k.startsWith(RECORD_PREFIX) && (!indexed.has(k) || stale.has(k)));
    return { keys: work.sort(), all: listed.all };
  });
  const total: Repaired = { repaired: 0, aside: 0 };
  const add = (r: Repaired) => {
    total.repaired += r.repaired;
    total.aside += r.aside;
  };
  for (let i = 0; i < keys.length; i += batch) {
    add(await exclusive(() => summariseBatch(keys.slice(i, i + batch), area, all)));
    onProgress?.({ done: Math.min(i + batch, keys.length), total: keys.length });
  }
  add(await exclusive(() => settleIdentities(area)));
  return total;
}
