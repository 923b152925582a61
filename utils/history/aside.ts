/**
 * Setting aside what cannot be kept as a record (one that no longer validates, the rest of one saved
 * in part, an earlier reading of the same report, an unreadable index): moved whole under a
 * `nianbao:aside:` key with its kind, the reason and the time, never dropped; the popup lists it.
 */
import type { Area } from './area';
import { ASIDE_PREFIX, type AsideEntry, type AsideKind, INDEX_KEY, RECORD_PREFIX } from './summary';

const KINDS: readonly AsideKind[] = ['unreadable', 'partial', 'unsaved', 'superseded'];

/** A set-aside entry as stored, read back whole (fields that went missing are filled in, the value kept). */
export function asideOf(key: string, value: unknown): AsideEntry {
  const v = value as Partial<AsideEntry> | null;
  return {
    key,
    from: typeof v?.from === 'string' ? v.from : key.slice(ASIDE_PREFIX.length),
    kind: KINDS.includes(v?.kind as AsideKind) ? (v?.kind as AsideKind) : 'unreadable',
    reason: typeof v?.reason === 'string' ? v.reason : '',
    at: typeof v?.at === 'string' ? v.at : '',
    value: v?.value ?? value,
  };
}

/** The note for a value kept beside the history, under an aside key named after the record key it came from (or was meant for). */
export function asideRecord(key: string, reason: string, value: unknown, kind: AsideKind = 'unreadable'): AsideEntry {
  return { key: ASIDE_PREFIX + key.slice(RECORD_PREFIX.length), from: key, kind, reason, at: new Date().toISOString(), value };
}

/** The stored form of a note (its key is where it is stored). */
export const asideValue = (a: AsideEntry) => ({ from: a.from, kind: a.kind, reason: a.reason, at: a.at, value: a.value });

/** Notes under keys not yet taken (an earlier note for the same key is kept): `taken` holds what is stored under their keys. */
export function placeAside(items: AsideEntry[], taken: Record<string, unknown>): AsideEntry[] {
  const used = new Set<string>();
  return items.map((a) => {
    let key = a.key;
    for (let n = 1; taken[key] !== undefined || used.has(key); n++) key = `${a.key}@${a.at}${n > 1 ? `#${n}` : ''}`;
    used.add(key);
    return { ...a, key };
  });
}

/**
 * Move values aside, whole, under keys not yet taken. Written before the originals are removed: a
 * failure in between leaves two copies, never none. `remove: false` keeps the originals (nothing was stored there).
 */
export async function setAside(items: AsideEntry[], area: Area, { remove = true } = {}): Promise<AsideEntry[]> {
  if (!items.length) return [];
  const taken = (await area.get(items.map((a) => a.key))) as Record<string, unknown>;
  const placed = placeAside(items, taken);
  await area.set(Object.fromEntries(placed.map((a) => [a.key, asideValue(a)])));
  const originals = placed.map((a) => a.from).filter((k) => k !== INDEX_KEY);
  if (remove && originals.length) await area.remove(originals);
  return placed;
}
