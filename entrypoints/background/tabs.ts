/**
 * The reports each tab's frames hold right now, by tab and frame id. Kept in session storage (gone
 * when the browser closes, kept when the service worker restarts) under `nianbao:tab:<tab id>`; in
 * memory where there is no session storage.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { ReportRecord } from '@/lib';
import { serial } from '@/utils/serial';

/** A tab's reports by frame id ('0' is the top frame). */
export type TabFrames = Record<string, ReportRecord>;

const tabKey = (tabId: number) => `session:nianbao:tab:${tabId}` as const;
const memory = new Map<number, TabFrames>();
const hasSession = () => (browser.storage as { session?: unknown }).session !== undefined;

// One update at a time: frames of a tab report concurrently.
const exclusive = serial();

async function read(tabId: number): Promise<TabFrames> {
  if (!hasSession()) return memory.get(tabId) ?? {};
  return (await storage.getItem<TabFrames>(tabKey(tabId))) ?? {};
}

async function write(tabId: number, frames: TabFrames): Promise<void> {
  if (!hasSession()) memory.set(tabId, frames);
  else if (Object.keys(frames).length === 0) await storage.removeItem(tabKey(tabId));
  else await storage.setItem<TabFrames>(tabKey(tabId), frames);
}

export const tabStore = {
  get: (tabId: number) => exclusive(() => read(tabId)),
  remove: (tabId: number) => exclusive(() => write(tabId, {})),
  update: (tabId: number, fn: (f: TabFrames) => TabFrames) =>
    exclusive(async () => {
      const next = fn(await read(tabId));
      await write(tabId, next);
      return next;
    }),
};
