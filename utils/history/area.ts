/** The history's storage area, the one-change-at-a-time queue, and the plain reads and writes of its keys, its index and its values. */
import type { browser } from 'wxt/browser';
import { serial } from '@/utils/serial';
import { describeIssues } from './migrate';
import { HistoryIndex, INDEX_KEY, INDEX_VERSION, type RecordSummary } from './summary';

/** Records read per `get` when many are wanted (rebuilding the index, exporting everything). */
export const READ_BATCH = 100;

/** `getKeys` lists the keys without their values (Chrome 130+, Firefox 143+); without it the whole area is read. */
export type Area = Pick<typeof browser.storage.local, 'get' | 'set' | 'remove'> & { getKeys?: () => Promise<string[]> };

/**
 * One change of the history at a time within a context (the background hears several tabs at once).
 * Another context writing at the same moment can leave the index behind the stored keys: the next
 * listing notices, and the repair brings it back in line.
 */
export const exclusive = serial();

/** Every stored key; without `getKeys` the whole area is read, and its values come along (`all`). */
export async function listKeys(area: Area): Promise<{ keys: string[]; all?: Record<string, unknown> }> {
  if (typeof area.getKeys === 'function') return { keys: await area.getKeys() };
  const all = (await area.get(null)) as Record<string, unknown>;
  return { keys: Object.keys(all), all };
}

export type IndexRead = { ok: true; index: HistoryIndex } | { ok: false; missing: boolean; reason: string };

export function parseIndex(raw: unknown): IndexRead {
  if (raw === undefined || raw === null) return { ok: false, missing: true, reason: 'missing' };
  const parsed = HistoryIndex.safeParse(raw);
  if (parsed.success) return { ok: true, index: parsed.data };
  return { ok: false, missing: false, reason: describeIssues(parsed.error) };
}

/** The stored index, parsed (not repaired: see sync.ts). */
export async function readIndex(area: Area): Promise<IndexRead> {
  return parseIndex(((await area.get(INDEX_KEY)) as Record<string, unknown>)[INDEX_KEY]);
}

/** The index as its stored value, to write in the same `set` as a record. */
export const indexValue = (entries: RecordSummary[]): HistoryIndex => ({ version: INDEX_VERSION, entries });

export async function writeIndex(entries: RecordSummary[], area: Area): Promise<void> {
  // No records, no index: an empty history leaves nothing behind.
  if (entries.length === 0) await area.remove(INDEX_KEY);
  else await area.set({ [INDEX_KEY]: indexValue(entries) });
}

/** Read stored values in batches; `known` holds values already read (the whole area, without `getKeys`). */
export async function readValues(keys: string[], area: Area, known?: Record<string, unknown>): Promise<Map<string, unknown>> {
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
