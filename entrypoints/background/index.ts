/**
 * The background, wired: it takes the first look at a tab's frames after each load (looks.ts,
 * loads.ts), injects the reader where a report is (inject.ts), answers the frames and the popup
 * (routes.ts: the history, last year's record, relays between a tab's frames; saves.ts: how often a
 * tab may write to the history), and keeps the badge
 * (badge.ts). What each tab's frames hold is kept in session storage (tabs.ts), so a restarted
 * service worker still knows it.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { saveRecord } from '@/utils/history';
import { answer } from '@/utils/messages';
import { TabLoads } from './loads';
import { Looks } from './looks';
import { activateSites, enterOpenTabs } from './open-tabs';
import { repairOnce, routes } from './routes';
import { HistorySaves } from './saves';
import { resumeWorkbench } from './workbench';

export default defineBackground(() => {
  const looks = new Looks();
  const loads = new TabLoads(looks);
  const saves = new HistorySaves((record) => saveRecord(record));

  browser.runtime.onMessage.addListener(answer(routes(looks, loads, saves)));

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete') void loads.loaded(tabId, tab.url);
    else if (change.status === 'loading') loads.loading(tabId, change.url ?? tab.url);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    loads.removed(tabId);
    saves.closed(tabId);
  });

  browser.permissions.onAdded.addListener((p) => void activateSites(p.origins ?? [], looks.look).catch(() => undefined));
  // A workbench run under way when the browser closed goes on: its page is opened again, once a
  // browser session (the worker itself starts many times a session).
  void resumeWorkbench().catch(() => undefined);
  browser.runtime.onInstalled.addListener((details) => {
    // After an update, bring the history in line now (records under old keys move), not at the first popup.
    if (details.reason === 'update') void repairOnce().catch(() => undefined);
    // Tabs already open on government sites are looked at now, not at their next load.
    if (details.reason === 'install' || details.reason === 'update')
      void enterOpenTabs('*://*.gov.cn/*', looks.look).catch(() => undefined);
  });
});
