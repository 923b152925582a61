/**
 * Bringing the index in line with the stored records, in the background, a batch at a time: records
 * it does not describe are read, validated and summarised (or set aside), and records under the old
 * address keys (`nianbao:report:<url>`) move under their report's identity. Where two readings of
 * the same report meet, the newer is the entry and the earlier is set aside as superseded: nothing is
 * lost. Each batch writes its records, notes and the index in one `set`, before it removes the keys
 * it moved from, so a stop at any point leaves copies, never gaps; a listing meanwhile shows what is
 * known so far.
 */
import { browser } from 'wxt/browser';
import type { ReportRecord } from '@/lib';
import { type Area, exclusive, indexValue, listKeys, READ_BATCH, readIndex, readValues } from './area';
import { asideRecord, asideValue, placeAside } from './aside';
import { indexOrAside } from './listing';
import { migrate } from './migrate';
import { type AsideEntry, INDEX_KEY, isAddressKey, RECORD_PREFIX, type RecordSummary, recordKey, summarize } from './summary';

export interface RepairProgress {
  done: number;
  total: number;
}

export interface Repaired {
  /** Records summarised or moved under their identity. */
  repaired: number;
  /** Values set aside on the way (unreadable, superseded). */
  aside: number;
}

/** Work on one batch of keys: read them, decide where each goes, write, then remove what moved. */
async function repairBatch(keys: string[], area: Area, all: Record<string, unknown> | undefined): Promise<Repaired> {
  const values = await readValues(keys, area, all);
  const read = await readIndex(area);
  const entries = new Map<string, RecordSummary>((read.ok ? read.index.entries : []).map((e) => [e.key, e]));

  // Where each readable record goes; the record already stored at a target is read to compare dates.
  const moves: { from: string; to: string; record: ReportRecord }[] = [];
  const notes: AsideEntry[] = [];
  for (const [key, value] of values) {
    if (value === undefined) continue; // deleted meanwhile
    const m = migrate(value);
    if (!m.ok) notes.push(asideRecord(key, m.reason, value));
    else moves.push({ from: key, to: isAddressKey(key) ? recordKey(m.record) : key, record: m.record });
  }
  const targets = [...new Set(moves.filter((mv) => mv.to !== mv.from).map((mv) => mv.to))];
  const there = targets.length ? ((await area.get(targets)) as Record<string, unknown>) : {};

  const winners = new Map<string, { from: string; record: ReportRecord }>();
  for (const [to, value] of Object.entries(there)) {
    if (value === undefined) continue;
    const m = migrate(value);
    // An unreadable value at a target is kept aside before anything is written over it.
    if (m.ok) winners.set(to, { from: to, record: m.record });
    else notes.push(asideRecord(to, m.reason, value));
  }
  for (const mv of moves) {
    const before = winners.get(mv.to);
    if (!before) {
      winners.set(mv.to, mv);
      continue;
    }
    const newer = mv.record.source.capturedAt > before.record.source.capturedAt ? mv : before;
    const older = newer === mv ? before : mv;
    winners.set(mv.to, newer);
    notes.push(asideRecord(older.from, `${older.record.source.capturedAt} · ${older.record.source.url}`, older.record, 'superseded'));
  }

  for (const n of notes) entries.delete(n.from);
  for (const [to, w] of winners) {
    entries.delete(w.from);
    entries.set(to, summarize(w.record, to));
  }

  const noteKeys = notes.map((n) => n.key);
  const placed = placeAside(notes, noteKeys.length ? ((await area.get(noteKeys)) as Record<string, unknown>) : {});
  const write: Record<string, unknown> = { [INDEX_KEY]: indexValue([...entries.values()]) };
  for (const [to, w] of winners) if (w.from !== to) write[to] = w.record;
  for (const n of placed) write[n.key] = asideValue(n);
  await area.set(write);

  // Only now the keys whose values live elsewhere: moved records, and what was set aside.
  const kept = new Set([...winners].filter(([to, w]) => w.from === to).map(([to]) => to));
  const gone = [...new Set([...moves.map((mv) => mv.from), ...placed.map((n) => n.from)])].filter((k) => !kept.has(k) && !write[k]);
  if (gone.length) await area.remove(gone);
  return { repaired: moves.length, aside: placed.length };
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
    const work = listed.keys.filter((k) => k.startsWith(RECORD_PREFIX) && (isAddressKey(k) || !indexed.has(k)));
    return { keys: work.sort(), all: listed.all };
  });
  const total: Repaired = { repaired: 0, aside: 0 };
  for (let i = 0; i < keys.length; i += batch) {
    const done = await exclusive(() => repairBatch(keys.slice(i, i + batch), area, all));
    total.repaired += done.repaired;
    total.aside += done.aside;
    onProgress?.({ done: Math.min(i + batch, keys.length), total: keys.length });
  }
  return total;
}
