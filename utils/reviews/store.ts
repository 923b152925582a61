/**
 * A person's verdicts on findings (confirmed or dismissed, with a note), kept in `storage.local`
 * under `nianbao:review:<report identity>` (utils/history/identity.ts), so they survive reading the
 * same report again, at any address, in any tab, after a restart. Findings are keyed by their id.
 */
import { storage } from 'wxt/utils/storage';
import type { Review } from '@/lib';
import { serial } from '@/utils/serial';

export type Reviews = Record<string, Review>;

export const REVIEW_PREFIX = 'nianbao:review:';
const itemKey = (identity: string) => `local:${REVIEW_PREFIX}${identity}` as const;

/** An ISO 8601 date-time with an offset, as the schema's `Review.at` requires. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The record schema's `Review`, checked by hand: the reader loads this module, and the Zod schema
 * would more than double what every report page is sent (tests/e2e/bundle.test.ts).
 */
function asReview(v: unknown): Review | null {
  if (typeof v !== 'object' || v === null) return null;
  const { status, note, at } = v as Record<string, unknown>;
  if (status !== 'confirmed' && status !== 'dismissed') return null;
  if (typeof at !== 'string' || !ISO.test(at) || Number.isNaN(Date.parse(at))) return null;
  if (note !== undefined && typeof note !== 'string') return null;
  return { status, at, ...(note !== undefined ? { note } : {}) };
}

/** Only verdicts that validate are read back: a value written by hand or by another version is skipped, not trusted. */
export function cleanReviews(value: unknown): Reviews {
  const out: Reviews = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [id, v] of Object.entries(value)) {
    const review = asReview(v);
    if (review) out[id] = review;
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
    if (review) {
      const valid = asReview(review);
      if (!valid) throw new Error(`not a verdict: ${JSON.stringify(review)}`);
      all[findingId] = valid;
    } else delete all[findingId];
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
