/**
 * The hub: writes the history (one writer: each record together with its summary in the index), answers "last year's record?", keeps the toolbar badge,
 * and relays between a tab's frames (a report read in a child frame is summarised by the top
 * frame's panel). Per-tab state is kept in session storage, so a restarted service worker still knows it.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BODY_WORDS, TITLE_WORDS } from '@/lib/detect/quick';
import { countFindings, failureCount } from '@/utils/findings';
import { findPrevious, listHistory, saveRecord } from '@/utils/history';
import { t } from '@/utils/i18n';
import { RELOOK_MS } from '@/utils/late-body';
import { lookNow } from '@/utils/look';
import { answer, type GuestStatus, type Handlers, type ToBackground, toFrame } from '@/utils/messages';
import { loadLang } from '@/utils/prefs';
import { serial } from '@/utils/serial';
import { activateSites, enterOpenTabs, injectLoader, READER_FILE, siteEnabled } from '@/utils/sites';
import { type TabFrames, tabStore } from './tabs';

type Sender = { tab?: { id?: number; url?: string }; frameId?: number };

const action = () => browser.action ?? browser.browserAction;

async function setBadge(tabId: number, frames: TabFrames): Promise<void> {
  // The top frame's report if it has one, else the child frame's that the panel shows.
  const records = Object.entries(frames).sort(([a], [b]) => Number(a) - Number(b));
  const shown = records.find(([id]) => id === '0')?.[1] ?? records.at(-1)?.[1];
  const a = action();
  await loadLang();
  if (!shown) {
    await a.setBadgeText({ tabId, text: '' });
    await a.setTitle({ tabId, title: t('extActionTitle') });
    return;
  }
  const n = failureCount(shown.findings);
  const c = countFindings(shown.findings);
  await a.setBadgeText({ tabId, text: n === 0 ? '✓' : n > 99 ? '99+' : String(n) });
  await a.setBadgeBackgroundColor({ tabId, color: c.error > 0 ? '#c5221f' : n > 0 ? '#e37400' : '#188038' });
  await a.setTitle({
    tabId,
    title: t('badgeTitle', [String(c.error), String(c.warning), String(c.info)]),
  });
}

// Badge updates one after another, each from the tab's state at that moment: the last one wins and is right.
const badgeQueue = serial();
function refreshBadge(tabId: number): Promise<unknown> {
  return badgeQueue(async () => setBadge(tabId, await tabStore.get(tabId))).catch(() => undefined);
}

/** The address without its fragment. */
const pageOf = (url: string | undefined): string => (url ?? '').split('#')[0] as string;

/**
 * Claim a frame for the reader, in the frame's own isolated world: true the first time only. A
 * second copy of the reader in a frame would start a second WXT context, which ends the first.
 */
function claimFrame(): boolean {
  const w = window as unknown as { __nianbaoReaderClaimed?: boolean };
  if (w.__nianbaoReaderClaimed) return false;
  w.__nianbaoReaderClaimed = true;
  return true;
}

/** Run the reader in one frame, once per document, however many times it is asked for. */
async function injectReader(tabId: number, frameId: number): Promise<boolean> {
  try {
    const target = { tabId, frameIds: [frameId] };
    const [claim] = await browser.scripting.executeScript({ target, func: claimFrame });
    if (claim?.result !== true) return true;
    await browser.scripting.executeScript({ target, files: [READER_FILE] });
    return true;
  } catch {
    return false;
  }
}

const PATTERNS = [TITLE_WORDS.source, BODY_WORDS.source] as const;

/** What each frame of a tab is doing, for the popup (frames with the reader answer it themselves). */
const looking = new Map<number, Map<number, GuestStatus>>();
/** The next look at each tab, and which page of the tab it belongs to (bumped when the tab navigates). */
const relooks = new Map<number, ReturnType<typeof setTimeout>>();
const generation = new Map<number, number>();
/** False once the browser refused a function in the page's world (Firefox before 128): the loader is used instead. */
let pageWorld = true;

function setStatus(tabId: number, frameId: number, status: GuestStatus): void {
  let frames = looking.get(tabId);
  if (!frames) {
    frames = new Map();
    looking.set(tabId, frames);
  }
  frames.set(frameId, status);
}

/** Stop a tab's pending timer in `timers` (its next look, or its stalled-load net). */
function cancelTimer(timers: Map<number, ReturnType<typeof setTimeout>>, tabId: number): void {
  clearTimeout(timers.get(tabId));
  timers.delete(tabId);
}

/** Forget a tab's looks: it navigated, or closed. */
function forgetLooks(tabId: number): void {
  cancelTimer(relooks, tabId);
  looking.delete(tabId);
  generation.set(tabId, (generation.get(tabId) ?? 0) + 1);
}

/**
 * Look at every frame of a tab from the page's own world (no isolated world is made for a page that
 * is not a report: see utils/look.ts). Frames that look like reports get the reader; if some do not,
 * the tab is looked at again at the next of RELOOK_MS. Never throws.
 */
async function look(tabId: number, step = 0): Promise<void> {
  if (!pageWorld) return injectLoader(tabId);
  cancelTimer(relooks, tabId);
  const page = generation.get(tabId) ?? 0;
  let results: { frameId?: number; result?: unknown }[];
  try {
    results = await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      world: 'MAIN',
      func: lookNow,
      args: [...PATTERNS],
    });
  } catch (e) {
    // A tab that closed or navigated meanwhile, or a page we may not read; or no page world here.
    if (/world/i.test(String(e))) {
      pageWorld = false;
      await injectLoader(tabId);
    }
    return;
  }
  if ((generation.get(tabId) ?? 0) !== page) return; // the tab has moved on
  const last = step >= RELOOK_MS.length;
  let waiting = false;
  for (const r of results) {
    const frameId = r.frameId ?? 0;
    const before = looking.get(tabId)?.get(frameId);
    if (r.result === 'report') {
      if (before === 'report') continue;
      setStatus(tabId, frameId, 'report');
      void injectReader(tabId, frameId);
    } else if (before !== 'report') {
      setStatus(tabId, frameId, last ? 'none' : 'searching');
      waiting ||= !last;
    }
  }
  if (waiting) {
    const delay = (RELOOK_MS[step] as number) - (RELOOK_MS[step - 1] ?? 0);
    relooks.set(
      tabId,
      setTimeout(() => void look(tabId, step + 1), delay),
    );
  }
}

const handlers: Handlers<keyof ToBackground, Sender> = {
  'nianbao:report': async (msg, sender) => {
    const tabId = sender.tab?.id;
    const frameId = sender.frameId ?? 0;
    if (tabId !== undefined) {
      tidy.delete(tabId);
      reports.set(tabId, (reports.get(tabId) ?? 0) + 1);
    }
    if (msg.save) await saveRecord(msg.record).catch((e) => console.warn('[年报核查] history not saved', e));
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
    let status = looking.get(msg.tabId)?.get(0);
    if (status === undefined && msg.start) {
      const tab = await browser.tabs.get(msg.tabId).catch(() => undefined);
      if (tab?.status === 'complete' && (await siteEnabled(tab.url))) {
        await look(msg.tabId);
        status = looking.get(msg.tabId)?.get(0);
      }
    }
    return status ?? null;
  },
  'nianbao:previous': (msg) => findPrevious(msg.agency, msg.year),
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
  'nianbao:relay': (msg, sender) => (sender.tab?.id === undefined ? undefined : toFrame(sender.tab.id, msg.message, msg.frameId)),
};

/**
 * A tab whose page has not finished loading this long after it started gets the loader anyway (a
 * stalled image or a script that never answers must not keep the panel away).
 */
const STALLED_MS = 3000;
const stalled = new Map<number, ReturnType<typeof setTimeout>>();
/** Tabs that started loading another document and have not been tidied since. */
const navigated = new Set<number>();
/**
 * Tabs this worker knows hold no report (and so show no badge): a load there has nothing to tidy,
 * and is spared the storage reads and writes. A worker that has just started knows none.
 */
const tidy = new Set<number>();
/** Reports received per tab, to tell whether one came in while the tab was being tidied. */
const reports = new Map<number, number>();

/**
 * A tab has loaded (or stalled): drop what its frames held for another page, then look at its
 * frames. Runs after the load, so it never delays a page's load.
 */
async function loaded(tabId: number, url: string | undefined): Promise<void> {
  cancelTimer(stalled, tabId);
  // Once per load: a stalled tab that completes later keeps what its frames reported meanwhile.
  // Queued, not awaited: tab updates run one after another, so this one comes before any report
  // of the page's frames (they can only report once the loader is in).
  if (navigated.delete(tabId) && !tidy.has(tabId)) {
    const now = pageOf(url);
    const before = reports.get(tabId) ?? 0;
    void tabStore
      .update(tabId, (f): TabFrames => {
        const top = f['0'];
        return top && pageOf(top.source.url) === now ? { 0: top } : {};
      })
      .then(async (kept) => {
        await refreshBadge(tabId);
        if (Object.keys(kept).length === 0 && (reports.get(tabId) ?? 0) === before) tidy.add(tabId);
      });
  }
  if (await siteEnabled(url)) await look(tabId);
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener(answer(handlers));

  // Nothing heavier than a timer while a page loads (the browser shares its cores with it; the badge
  // of the page before is the browser's to reset on navigation). Once it has loaded: forget what
  // the tab's frames held (a reload of the same address keeps the top frame's report until the page
  // reports again), then look at its frames.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete') void loaded(tabId, tab.url);
    else if (change.status === 'loading') {
      navigated.add(tabId);
      forgetLooks(tabId);
    }
    if (change.status === 'loading' && (change.url ?? tab.url)) {
      // tab.url is only known on sites the extension may read: elsewhere nothing happens.
      cancelTimer(stalled, tabId);
      stalled.set(
        tabId,
        setTimeout(() => {
          stalled.delete(tabId);
          // Also a net for a "complete" that never reached us (injecting twice does nothing).
          void browser.tabs.get(tabId).then(
            (t) => loaded(tabId, t.url),
            () => undefined,
          );
        }, STALLED_MS),
      );
    }
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    cancelTimer(stalled, tabId);
    forgetLooks(tabId);
    generation.delete(tabId);
    navigated.delete(tabId);
    tidy.delete(tabId);
    reports.delete(tabId);
    void tabStore.remove(tabId);
  });

  browser.permissions.onAdded.addListener((p) => void activateSites(p.origins ?? [], look).catch(() => undefined));
  browser.runtime.onInstalled.addListener((details) => {
    // An install from before the history index: build it now, once, rather than at the first popup.
    if (details.reason === 'update') void listHistory().catch(() => undefined);
    // Tabs already open on government sites are looked at now, not at their next load.
    if (details.reason === 'install' || details.reason === 'update') void enterOpenTabs('*://*.gov.cn/*', look).catch(() => undefined);
  });
});
