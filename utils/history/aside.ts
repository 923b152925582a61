/**
 * Setting aside what no longer validates (a record, or an unreadable index): moved whole under a
 * `nianbao:aside:` key with the reason and the time, never dropped; the popup lists it.
 */
import type { Area } from './area';
import { ASIDE_PREFIX, type AsideEntry, INDEX_KEY, RECORD_PREFIX } from './summary';

/** A set-aside entry as stored, read back whole (fields that went missing are filled in, the value kept). */
export function asideOf(key: string, value: unknown): AsideEntry {
  const v = value as Partial<AsideEntry> | null;
  return {
    key,
    from: typeof v?.from === 'string' ? v.from : key.slice(ASIDE_PREFIX.length),
    reason: typeof v?.reason === 'string' ? v.reason : '',
    at: typeof v?.at === 'string' ? v.at : '',
    value: v?.value ?? value,
  };
}

/** The note for a stored record that does not validate, under the aside key of its address. */
export function asideRecord(key: string, reason: string, value: unknown): AsideEntry {
  return { key: ASIDE_PREFIX + key.slice(RECORD_PREFIX.length), from: key, reason, at: new Date().toISOString(), value };
}

/**
 * Move values aside, whole, under keys not yet taken (an earlier note for the same address is kept).
 * Written before the originals are removed: a failure in between leaves two copies, never none.
 */
export async function setAside(items: AsideEntry[], area: Area): Promise<AsideEntry[]> {
  if (!items.length) return [];
  const taken = (await area.get(items.map((a) => a.key))) as Record<string, unknown>;
  const placed = items.map((a) => (taken[a.key] === undefined ? a : { ...a, key: `${a.key}@${a.at}` }));
  await area.set(Object.fromEntries(placed.map((a) => [a.key, { from: a.from, reason: a.reason, at: a.at, value: a.value }])));
  const originals = placed.map((a) => a.from).filter((k) => k !== INDEX_KEY);
  if (originals.length) await area.remove(originals);
  return placed;
}
