/** How many findings a person has confirmed and dismissed (「已确认 3 · 已排除 1」). Pure. */
import type { Finding, Review } from '@/lib';

export function countReviews(findings: readonly Finding[], reviews: Record<string, Review>): { confirmed: number; dismissed: number } {
  let confirmed = 0;
  let dismissed = 0;
  for (const f of findings) {
    const r = reviews[f.id];
    if (r?.status === 'confirmed') confirmed++;
    else if (r?.status === 'dismissed') dismissed++;
  }
  return { confirmed, dismissed };
}

/** Every verdict kept for a report, counted, whichever of its findings they are on (the history's list has no findings to go by). */
export function tallyReviews(reviews: Record<string, Review>): { confirmed: number; dismissed: number } {
  let confirmed = 0;
  let dismissed = 0;
  for (const r of Object.values(reviews)) {
    if (r.status === 'confirmed') confirmed++;
    else dismissed++;
  }
  return { confirmed, dismissed };
}
