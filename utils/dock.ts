/**
 * Where the reader wants the panel on each site (left, right or a bottom sheet): one WXT storage
 * item holding a small map from host name to dock, so a portal whose tables sit on the right keeps
 * the panel on the left next time.
 */
import { storage } from 'wxt/utils/storage';
import type { Dock } from '@/components/Panel';

const DOCKS: readonly Dock[] = ['left', 'right', 'bottom'];
/** Sites remembered at most (the oldest choice goes first). */
const MAX_SITES = 200;

let item: ReturnType<typeof define> | undefined;
function define() {
  return storage.defineItem<Record<string, Dock>>('local:nianbao:pref:dock', { fallback: {} });
}
const dockItem = () => {
  item ??= define();
  return item;
};

/** The dock chosen for this site, or null when none was (the window's width decides then). */
export async function loadDock(host: string): Promise<Dock | null> {
  try {
    const v = (await dockItem().getValue())?.[host];
    return DOCKS.includes(v as Dock) ? (v as Dock) : null;
  } catch {
    return null;
  }
}

export async function saveDock(host: string, dock: Dock): Promise<void> {
  const all = { ...((await dockItem().getValue()) ?? {}) };
  delete all[host];
  all[host] = dock;
  const hosts = Object.keys(all);
  for (const h of hosts.slice(0, Math.max(0, hosts.length - MAX_SITES))) delete all[h];
  await dockItem().setValue(all);
}

/** With no choice made: a column at the right on a wide window, a bottom sheet on a narrow one. */
export function defaultDock(width: number): Dock {
  return width >= 1000 ? 'right' : 'bottom';
}
