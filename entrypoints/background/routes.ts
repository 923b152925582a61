/** The background's answer to each message from the frames and the popup (utils/messages.ts). */
import { browser } from 'wxt/browser';
import { openAttachmentBeside } from '@/utils/attachment';
import { findPrevious, repairHistory, saveRecord } from '@/utils/history';
import { openWorkbenchBeside } from '@/utils/listing';
import type { Handlers, ToBackground } from '@/utils/messages';
import { toFrame } from '@/utils/messages';
import { siteEnabled } from '@/utils/sites';
import { refreshBadge } from './badge';
import { injectLoader, injectReader } from './inject';
import type { TabLoads } from './loads';
import type { Looks } from './looks';
import type { HistorySaves } from './saves';
import { tabStore } from './tabs';

export type Sender = { tab?: { id?: number; index?: number; url?: string }; frameId?: number };

/** One repair at a time: the popup opened twice asks twice. */
let repairing: Promise<{ repaired: number; aside: number }> | null = null;

export function repairOnce(): Promise<{ repaired: number; aside: number }> {
  repairing ??= repairHistory().finally(() => {
    repairing = null;
  });
  return repairing;
}

export function routes(looks: Looks, loads: TabLoads, saves: HistorySaves): Handlers<keyof ToBackground, Sender> {
  return {
    'nianbao:report': async (msg, sender) => {
      const tabId = sender.tab?.id;
      const frameId = sender.frameId ?? 0;
      if (tabId !== undefined) loads.reported(tabId);
      if (msg.save) {
        if (tabId === undefined) void saveRecord(msg.record).catch(() => undefined);
        else saves.offer(tabId, msg.record);
      }
      if (tabId === undefined) return { hostedByTop: false };
      await tabStore.update(tabId, (f) => ({ ...f, [frameId]: msg.record }));
      await refreshBadge(tabId);
      if (frameId === 0) return { hostedByTop: false };
      // The top frame shows a child frame's report: it needs the reader even if its own page is not one.
      await injectReader(tabId, 0);
      const accepted = await toFrame(tabId, { type: 'nianbao:host', frameId, record: msg.record }, 0);
      return { hostedByTop: accepted === true };
    },

    'nianbao:cleared': async (_, sender) => {
      const tabId = sender.tab?.id;
      const frameId = sender.frameId ?? 0;
      if (tabId === undefined) return true;
      await tabStore.update(tabId, (f) => {
        const { [frameId]: _, ...rest } = f;
        return rest;
      });
      await refreshBadge(tabId);
      if (frameId !== 0) await toFrame(tabId, { type: 'nianbao:unhost', frameId }, 0);
      return true;
    },

    'nianbao:inject': (_, sender) => (sender.tab?.id === undefined ? false : injectReader(sender.tab.id, sender.frameId ?? 0)),

    'nianbao:frames': async (_, sender) => {
      const tabId = sender.tab?.id;
      if (tabId !== undefined && (await siteEnabled(sender.tab?.url))) await injectLoader(tabId);
      return true;
    },

    'nianbao:status': async (msg) => {
      // From the popup, about a tab whose top frame has no reader or loader to answer for itself.
      let status = looks.topStatus(msg.tabId);
      if (status === undefined && msg.start) {
        const tab = await browser.tabs.get(msg.tabId).catch(() => undefined);
        if (tab?.status === 'complete' && (await siteEnabled(tab.url))) {
          await looks.look(msg.tabId);
          status = looks.topStatus(msg.tabId);
        }
      }
      return status ?? null;
    },

    'nianbao:previous': (msg) => findPrevious(msg.agency, msg.year),

    // Answered at once: a message answered after 5 minutes would end the service worker, and a cold
    // repair of 5,000 records reads for about a minute.
    'nianbao:repair': () => {
      void repairOnce().catch(() => undefined);
      return true;
    },

    'nianbao:hello': async (_, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || (sender.frameId ?? 0) !== 0) return [];
      const frames = await tabStore.get(tabId);
      const children = Object.entries(frames)
        .filter(([id]) => id !== '0')
        .map(([id, record]) => ({ frameId: Number(id), record }));
      for (const c of children) void toFrame(tabId, { type: 'nianbao:hosted' }, c.frameId);
      return children;
    },

    'nianbao:keep': async (msg) => ({ key: (await saveRecord(msg.record)).key }),

    'nianbao:attachment': (msg, sender) => openAttachmentBeside(msg.target, sender.tab),

    'nianbao:workbench': (msg, sender) => openWorkbenchBeside(msg.target, sender.tab),

    'nianbao:relay': (msg, sender) => (sender.tab?.id === undefined ? undefined : toFrame(sender.tab.id, msg.message, msg.frameId)),
  };
}
