/**
 * Every report's verdicts at once, for exports of many records. Apart from store.ts because it reads
 * the history's key list, which the reader (loading store.ts on every report page) need not carry.
 */
import { browser } from 'wxt/browser';
import { type Area, listKeys } from '@/utils/history/area';
import { cleanReviews, REVIEW_PREFIX, type Reviews } from './store';

/** Every report's verdicts, by report identity, read in one go (they are small): for exporting many records. */
export async function loadAllReviews(area: Area = browser.storage.local): Promise<Map<string, Reviews>> {
  const { keys, all } = await listKeys(area);
  const wanted = keys.filter((k) => k.startsWith(REVIEW_PREFIX));
  const got = all ?? (wanted.length ? ((await area.get(wanted)) as Record<string, unknown>) : {});
  return new Map(wanted.map((k) => [k.slice(REVIEW_PREFIX.length), cleanReviews(got[k])]));
}
