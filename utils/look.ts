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
 * What a frame answers. `unsure`: the page has replaced the pattern methods (RegExp.prototype.test,
 * exec) so that they no longer answer truly; the look cannot tell, and the reader, whose isolated
 * world the page cannot reach, decides instead.
 */
export type LookResult = 'report' | 'none' | 'unsure';

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
  let sane = false;
  try {
    sane = /a/.test('a') && !/a/.test('b') && /(b)/.exec('ab')?.[1] === 'b';
  } catch {
    sane = false;
  }
  if (!sane) return 'unsure';
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
