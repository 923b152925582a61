/**
 * A person's verdicts on findings (confirmed or dismissed, with a note), kept in `storage.local`
 * under `nianbao:review:<report identity>` (utils/history/identity.ts), so they survive reading the
 * same report again, at any address, in any tab, after a restart. Findings are keyed by their id.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { type Review, Review as ReviewSchema } from '@/lib';
import { type Area, listKeys } from '@/utils/history/area';
import { serial } from '@/utils/serial';

export type Reviews = Record<string, Review>;

export const REVIEW_PREFIX = 'nianbao:review:';
const itemKey = (identity: string) => `local:${REVIEW_PREFIX}${identity}` as const;

/** Only verdicts that validate are read back: a value written by hand or by another version is skipped, not trusted. */
export function cleanReviews(value: unknown): Reviews {
  const out: Reviews = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [id, v] of Object.entries(value)) {
    const parsed = ReviewSchema.safeParse(v);
    if (parsed.success) out[id] = parsed.data;
  }
  return out;
}

export async function loadReviews(identity: string): Promise<Reviews> {
  return cleanReviews(await storage.getItem<unknown>(itemKey(identity)));
}

const oneAtATime = serial();

/** Record a verdict on one finding, or take it back (`null`). Resolves with all the report's verdicts. */
export function setReview(identity: string, findingId: string, review: Review | null): Promise<Reviews> {
  return oneAtATime(async () => {
    const all = await loadReviews(identity);
    if (review) all[findingId] = ReviewSchema.parse(review);
    else delete all[findingId];
    if (Object.keys(all).length) await storage.setItem(itemKey(identity), all);
    else await storage.removeItem(itemKey(identity));
    return all;
  });
}

/** Call `fn` with the report's verdicts whenever they change (in another tab, the popup, the workbench). */
export function watchReviews(identity: string, fn: (reviews: Reviews) => void): () => void {
  return storage.watch<unknown>(itemKey(identity), (v) => fn(cleanReviews(v)));
}

/** The record with its verdicts attached (`review`), as it is exported; without verdicts, as it is. */
export function withReviews<T extends { review?: Reviews }>(record: T, reviews: Reviews): T {
  if (Object.keys(reviews).length === 0) return record;
  return { ...record, review: reviews };
}

/** Every report's verdicts, by report identity, read in one go (they are small): for exporting many records. */
export async function loadAllReviews(area: Area = browser.storage.local): Promise<Map<string, Reviews>> {
  const { keys, all } = await listKeys(area);
  const wanted = keys.filter((k) => k.startsWith(REVIEW_PREFIX));
  const got = all ?? (wanted.length ? ((await area.get(wanted)) as Record<string, unknown>) : {});
  return new Map(wanted.map((k) => [k.slice(REVIEW_PREFIX.length), cleanReviews(got[k])]));
}
