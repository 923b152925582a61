/** The toolbar badge of a tab: the number of errors and warnings of the report its panel shows, and a title that counts them. */
import { browser } from 'wxt/browser';
import { countFindings, failureCount } from '@/utils/findings';
import { t } from '@/utils/i18n';
import { loadLang } from '@/utils/prefs';
import { serial } from '@/utils/serial';
import { type TabFrames, tabStore } from './tabs';

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
  // Nothing checked (a page whose report is in its attachment, a file that cannot be read) is not a tick.
  const unchecked = n === 0 && c.pass === 0;
  await a.setBadgeText({ tabId, text: unchecked ? '–' : n === 0 ? '✓' : n > 99 ? '99+' : String(n) });
  await a.setBadgeBackgroundColor({ tabId, color: c.error > 0 ? '#c5221f' : n > 0 ? '#e37400' : unchecked ? '#5f6368' : '#188038' });
  await a.setTitle({
    tabId,
    title: t('badgeTitle', [String(c.error), String(c.warning), String(c.info)]),
  });
}

// Badge updates one after another, each from the tab's state at that moment: the last one wins and is right.
const badgeQueue = serial();

/** Set the tab's badge from what its frames hold now. Never rejects. */
export function refreshBadge(tabId: number): Promise<unknown> {
  return badgeQueue(async () => setBadge(tabId, await tabStore.get(tabId))).catch(() => undefined);
}
