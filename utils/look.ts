/**
 * The first look at a frame, run by the background in the page's own (MAIN) world with
 * `scripting.executeScript({ func })`: is this a report? A script in an isolated world costs the tab
 * even when it does nothing (Chrome sets up the extension's world in the frame, and the tab's next
 * page loads slower), and so does a watch left in the page (a MutationObserver and a pending
 * injection: bench/README.md, section 3). A function run in the page's world that returns at once
 * leaves nothing behind but its answer: the background asks again a few times after the load
 * instead of watching. Only frames that look like reports get the reader, in an isolated world.
 *
 * The function is serialised into the page: it uses nothing from outside its own body (the patterns
 * come as arguments), no Array or JSON methods (a page may have replaced them), and it never throws
 * into the page. A page can fool it (it owns its world); all it can gain is being read, or not.
 */

/** What a frame answers. */
export type LookResult = 'report' | 'none';

/**
 * Is this frame a report now? The test is lib/detect/quick.ts's `looksLikeReport` (the patterns come
 * from there), written out here (tests/lib/detect.test.ts runs both on every fixture page). Marks
 * `nianbao:start`/`nianbao:end` and measures `nianbao` around it.
 */
export function lookNow(titleWords: string, bodyWords: string): LookResult {
  const perf = globalThis.performance;
  try {
    perf.mark('nianbao:start');
  } catch {
    // no timeline here
  }
  let found = false;
  try {
    const title = new RegExp(titleWords);
    if (title.test(document.title)) found = true;
    else if (document.body) {
      const heads = document.body.querySelectorAll('h1, h2, h3');
      for (let i = 0; i < heads.length && i < 8 && !found; i++) if (title.test(heads[i]?.textContent ?? '')) found = true;
      if (!found) found = new RegExp(bodyWords).test(document.body.textContent ?? '');
    }
  } catch {
    found = false;
  }
  try {
    perf.mark('nianbao:end');
    perf.measure('nianbao', 'nianbao:start', 'nianbao:end');
  } catch {
    // no timeline here
  }
  return found ? 'report' : 'none';
}
