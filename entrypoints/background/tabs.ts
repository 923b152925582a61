/**
 * The reports each tab's frames hold right now, by tab and frame id. Kept in session storage (gone
 * when the browser closes, kept when the service worker restarts); in memory where that is missing.
 */
import { browser } from 'wxt/browser';
import type { ReportRecord } from '@/lib';
import { serial } from '@/utils/serial';

export type TabFrames = Record<string, ReportRecord>;

const key = (tabId: number) => `nianbao:tab:${tabId}`;
const memory = new Map<number, TabFrames>();
const session = () => (browser.storage as { session?: typeof browser.storage.local }).session;

// One update at a time: frames of a tab report concurrently.
const exclusive = serial();

async function read(tabId: number): Promise<TabFrames> {
  const area = session();
  if (!area) return memory.get(tabId) ?? {};
  const v = await area.get(key(tabId));
  return (v[key(tabId)] as TabFrames | undefined) ?? {};
}

async function write(tabId: number, frames: TabFrames): Promise<void> {
  const area = session();
  if (!area) {
    memory.set(tabId, frames);
    return;
  }
  if (Object.keys(frames).length === 0) await area.remove(key(tabId));
  else await area.set({ [key(tabId)]: frames });
}

export const tabStore = {
  get: (tabId: number) => exclusive(() => read(tabId)),
  set: (tabId: number, frames: TabFrames) => exclusive(() => write(tabId, frames)),
  remove: (tabId: number) => exclusive(() => write(tabId, {})),
  update: (tabId: number, fn: (f: TabFrames) => TabFrames) =>
    exclusive(async () => {
      const next = fn(await read(tabId));
      await write(tabId, next);
      return next;
    }),
};
