import { eitherScript } from '../text/t2s';

// Both run on raw text (the first look in the page cannot normalise it), so each is written in
// simplified characters and matches either script through the generated table (`eitherScript`).
/** A title or heading that names the report (also given, as source, to the background's first look in the page). */
export const TITLE_WORDS = new RegExp(eitherScript(/信息公开.{0,12}(?:年度报告|年报)|年度报告格式/.source));
/** Words only a report's text has. */
export const BODY_WORDS = new RegExp(
  eitherScript(/勾稽关系|本年新收政府信息公开申请|主动公开政府信息情况|信息公开工作年度报告|信息公开年度报告/.source),
);

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
