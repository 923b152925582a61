/**
 * Listing the history at once from what is known, never reading a record: the index's summaries (of
 * records still stored), the stored records it does not describe yet (pending: the repair reads them
 * in the background), what was set aside, and the verdicts by report. An unreadable index is set
 * aside here, whole, and the repair rebuilds it from the records.
 */

import { tallyReviews } from '@/utils/reviews/count';
import { cleanReviews, REVIEW_PREFIX } from '@/utils/reviews/store';
import { type Area, type IndexRead, listKeys, parseIndex, writeIndex } from './area';
import { asideOf, setAside } from './aside';
import {
  ASIDE_PREFIX,
  type AsideEntry,
  INDEX_KEY,
  type Listing,
  pendingOf,
  RECORD_PREFIX,
  type ReviewTally,
  sortNewestFirst,
} from './summary';

/**
 * The stored index, or the note that sets an unreadable one aside (written now, so that the next
 * write of the index never overwrites what it held). `raw` is the stored value.
 */
export async function indexOrAside(raw: unknown, area: Area): Promise<{ read: IndexRead; aside: AsideEntry[] }> {
  const read = parseIndex(raw);
  if (read.ok || read.missing) return { read, aside: [] };
  const at = new Date().toISOString();
  const note: AsideEntry = {
    key: `${ASIDE_PREFIX}${INDEX_KEY}@${at}`,
    from: INDEX_KEY,
    kind: 'unreadable',
    reason: `${INDEX_KEY}: ${read.reason}`,
    at,
    value: raw,
  };
  const aside = await setAside([note], area);
  await area.remove(INDEX_KEY);
  return { read, aside };
}

/** What the history holds, as far as it is known without reading a record. */
export async function listNow(area: Area): Promise<Listing> {
  const { keys, all } = await listKeys(area);
  const asideKeys: string[] = [];
  const reviewKeys: string[] = [];
  const recordKeys: string[] = [];
  for (const k of keys) {
    if (k.startsWith(RECORD_PREFIX)) recordKeys.push(k);
    else if (k.startsWith(ASIDE_PREFIX)) asideKeys.push(k);
    else if (k.startsWith(REVIEW_PREFIX)) reviewKeys.push(k);
  }
  const small = all ?? ((await area.get([INDEX_KEY, ...asideKeys, ...reviewKeys])) as Record<string, unknown>);

  const { read, aside: placed } = await indexOrAside(small[INDEX_KEY], area);
  const indexed = read.ok ? read.index.entries : [];
  const stored = new Set(recordKeys);
  const entries = indexed.filter((e) => stored.has(e.key));
  // Summaries of records gone (deleted by another context, a crash between writes) leave the index.
  if (entries.length !== indexed.length) await writeIndex(entries, area);
  const known = new Set(entries.map((e) => e.key));
  const pending = recordKeys
    .filter((k) => !known.has(k))
    .sort()
    .map(pendingOf);

  const reviews: Record<string, ReviewTally> = {};
  for (const k of reviewKeys) {
    const tally = tallyReviews(cleanReviews(small[k]));
    if (tally.confirmed || tally.dismissed) reviews[k.slice(REVIEW_PREFIX.length)] = tally;
  }
  const aside = [...asideKeys.map((k) => asideOf(k, small[k])), ...placed];
  return { entries: sortNewestFirst([...entries]), pending, aside, reviews };
}

/** Whether the repair has work: records not summarised yet, summaries without their identity or the workbench's figures, two entries of one report. */
export function needsRepair(l: Pick<Listing, 'entries' | 'pending'>): boolean {
  if (l.pending.length > 0 || l.entries.some((e) => e.identity === undefined || e.figures === undefined)) return true;
  return new Set(l.entries.map((e) => e.identity)).size !== l.entries.length;
}

/** Whether a change of these storage keys changes what a listing shows (a preference does not). */
export const historyChanged = (keys: readonly string[]): boolean =>
  keys.some((k) => k === INDEX_KEY || k.startsWith(RECORD_PREFIX) || k.startsWith(ASIDE_PREFIX) || k.startsWith(REVIEW_PREFIX));
