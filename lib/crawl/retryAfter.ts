/** How long a `Retry-After` header asks us to wait: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */

/** The wait in ms from `now` (ms since the epoch); undefined when the header is missing or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP date (IMF-fixdate, or the obsolete RFC 850 and asctime forms Date.parse also reads).
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
