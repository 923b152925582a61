import { BODY_EITHER, LINK_EITHER, NAV_EITHER, OWN_EITHER, TITLE_EITHER } from './quick.words';

// Both run on raw text (the first look in the page cannot normalise it): quickWords.ts's words in
// either script, generated (quick.words.ts), so the loader carries no conversion table.
/** A title or heading that names the report (also given, as source, to the background's first look in the page). */
export const TITLE_WORDS = new RegExp(TITLE_EITHER);
/** Words only a report's text has. */
export const BODY_WORDS = new RegExp(BODY_EITHER);
/** Words only a report's own text has, never a link's title (the first look's listing test skips a page with them). */
export const OWN_WORDS = new RegExp(OWN_EITHER);
/** A link's title naming a year's report (the first look counts them for a listing). */
export const LINK_WORDS = new RegExp(LINK_EITHER);
/** The text before a link that makes it article navigation (上一篇：). */
export const NAV_WORDS = new RegExp(NAV_EITHER);

/**
 * A cheap first look: could this page be an annual report? A title or heading that says so, or
 * words only a report's text has. The background's first look in the page (utils/look.ts) is the
 * same test, written out in one self-contained function. The body's text is read whole with
 * `textContent`: a tree walker testing text node by text node is faster once V8 has optimised it,
 * but slower on its first (cold) run, which is the only one a page gets.
 */
export function looksLikeReport(doc: Document): boolean {
  if (TITLE_WORDS.test(doc.title)) return true;
  const body = doc.body;
  if (!body) return false;
  for (const h of Array.from(body.querySelectorAll('h1, h2, h3')).slice(0, 8)) {
    if (TITLE_WORDS.test(h.textContent ?? '')) return true;
  }
  return BODY_WORDS.test(body.textContent ?? '');
}
