/**
 * The first look at a frame, run by the background in the page's own (MAIN) world with
 * `scripting.executeScript({ func })`: is this a report? A script in the extension's isolated world,
 * or a watch left in the page, costs the tab's later loads even when it does nothing; a function
 * that runs in the page's world and returns leaves nothing behind but its answer (README, "How it
 * runs in the browser"). So the background asks again a few times after the load instead of
 * watching, and only frames that look like reports get the reader.
 *
 * The function is serialised into the page: it uses nothing from outside its own body (the patterns
 * come as arguments), no Array or JSON methods (a page may have replaced them), and it never throws
 * into the page. A page can fool it (it owns its world); all it can gain is being read, or not.
 */

/**
 * What a frame answers; `error` when the page broke what the look relies on (a page that replaces
 * `RegExp.prototype.exec` or `test`): the look cannot tell, so the reader, whose isolated world the
 * page cannot touch, reads the frame and decides.
 */
export type LookResult = 'report' | 'listing' | 'none' | 'error';

/**
 * Is this frame a report now, or a listing of reports? The report test is lib/detect/quick.ts's
 * `looksLikeReport` (the patterns come from there), written out here (tests/lib/detect.test.ts runs
 * both on every fixture page). Before it, with `linkWords`, the listing test: a page without a
 * report's own words (`ownWords`) whose links name two different reports (their `title`, else their
 * text; a link after 上一篇/下一篇, `navWords`, is a report page's neighbour) is a `listing` (the
 * reader confirms it with lib/crawl's `readListing`). Marks `nianbao:start`/`nianbao:end` and
 * measures `nianbao` around it.
 */
export function lookNow(titleWords: string, bodyWords: string, ownWords?: string, linkWords?: string, navWords?: string): LookResult {
  const perf = globalThis.performance;
  try {
    perf.mark('nianbao:start');
  } catch {
    // no timeline here
  }
  let found = false;
  let listing = false;
  let broken = false;
  try {
    // The page's own RegExp: replaced methods show here, whatever they return.
    if (!/a/.test('a') || /a/.test('b')) broken = true;
    const body = document.body;
    if (linkWords && navWords && ownWords && body && !new RegExp(ownWords).test(body.textContent ?? '')) {
      const link = new RegExp(linkWords);
      const nav = new RegExp(navWords);
      const anchors = body.getElementsByTagName('a');
      let first: string | null = null;
      for (let i = 0; i < anchors.length && i < 3000 && !listing; i++) {
        const a = anchors[i];
        const name = a ? a.getAttribute('title') || a.textContent || '' : '';
        if (!link.test(name) || nav.test(a?.previousSibling?.textContent ?? '')) continue;
        if (first === null) first = name;
        else if (name !== first) listing = true;
      }
    }
    const title = new RegExp(titleWords);
    if (title.test(document.title)) found = true;
    else if (document.body) {
      const heads = document.body.querySelectorAll('h1, h2, h3');
      for (let i = 0; i < heads.length && i < 8 && !found; i++) if (title.test(heads[i]?.textContent ?? '')) found = true;
      if (!found) found = new RegExp(bodyWords).test(document.body.textContent ?? '');
    }
  } catch {
    broken = true;
  }
  try {
    perf.mark('nianbao:end');
    perf.measure('nianbao', 'nianbao:start', 'nianbao:end');
  } catch {
    // no timeline here
  }
  return broken ? 'error' : listing ? 'listing' : found ? 'report' : 'none';
}
