/**
 * The first look at a tab's frames: a function run in each frame's own page world (utils/look.ts)
 * after the load, and again on the late-body schedule (utils/late-body.ts) while some frame is not a
 * report yet. Frames that look like reports, or like listings of reports, get the reader (which
 * confirms a listing and offers to check its reports, in the top frame); what each frame was found
 * to be is kept for the popup. Where the page's world is missing, the loader looks from inside the frames instead.
 */
import { browser } from 'wxt/browser';
import { BODY_WORDS, LINK_WORDS, NAV_WORDS, OWN_WORDS, TITLE_WORDS } from '@/lib/detect/quick';
import { RELOOK_MS } from '@/utils/late-body';
import { lookNow } from '@/utils/look';
import type { GuestStatus } from '@/utils/messages';
import { injectLoader, injectReader } from './inject';
import { TabTimers } from './timers';

const PATTERNS = [TITLE_WORDS.source, BODY_WORDS.source, OWN_WORDS.source, LINK_WORDS.source, NAV_WORDS.source] as const;

export class Looks {
  /** What each frame of a tab is doing, for the popup (frames with the reader answer it themselves). */
  private readonly found = new Map<number, Map<number, GuestStatus>>();
  private readonly next = new TabTimers();
  /** Which page of a tab a look belongs to: bumped when the tab navigates, so a late answer is dropped. */
  private readonly generation = new Map<number, number>();
  /** False once the browser refused a function in the page's world (Firefox before 128). */
  private pageWorld = true;

  /** What the tab's top frame was found to be, if it was looked at. */
  topStatus(tabId: number): GuestStatus | undefined {
    return this.found.get(tabId)?.get(0);
  }

  /**
   * Look at every frame of a tab; if some do not look like reports, look again at the next step of
   * RELOOK_MS. Never throws.
   */
  look = async (tabId: number, step = 0): Promise<void> => {
    if (!this.pageWorld) return injectLoader(tabId);
    this.next.cancel(tabId);
    const page = this.generation.get(tabId) ?? 0;
    let results: { frameId?: number; result?: unknown }[];
    try {
      results = await browser.scripting.executeScript({
        target: { tabId, allFrames: true },
        world: 'MAIN',
        func: lookNow,
        args: [...PATTERNS],
      });
    } catch (e) {
      // A tab that closed or navigated meanwhile, or a page we may not read; or no page world here.
      if (/world/i.test(String(e))) {
        this.pageWorld = false;
        await injectLoader(tabId);
      }
      return;
    }
    if ((this.generation.get(tabId) ?? 0) !== page) return; // the tab has moved on
    const last = step >= RELOOK_MS.length;
    let waiting = false;
    for (const r of results) {
      const frameId = r.frameId ?? 0;
      const before = this.found.get(tabId)?.get(frameId);
      // A frame whose page broke the look is read by the reader, which decides in its own world. A
      // listing gets the reader too: it reads the page as it reads any (a report page may look like
      // a listing), and offers the listing's reports when it finds no report.
      if (r.result === 'report' || r.result === 'error' || r.result === 'listing') {
        if (before === 'report' || before === 'listing') continue;
        this.setStatus(tabId, frameId, r.result === 'listing' ? 'listing' : 'report');
        void injectReader(tabId, frameId);
      } else if (before !== 'report' && before !== 'listing') {
        this.setStatus(tabId, frameId, last ? 'none' : 'searching');
        waiting ||= !last;
      }
    }
    if (waiting) {
      const delay = (RELOOK_MS[step] as number) - (RELOOK_MS[step - 1] ?? 0);
      this.next.set(tabId, () => void this.look(tabId, step + 1), delay);
    }
  };

  /** The tab navigated: what its frames were found to be belongs to the page before. */
  forget(tabId: number): void {
    this.next.cancel(tabId);
    this.found.delete(tabId);
    this.generation.set(tabId, (this.generation.get(tabId) ?? 0) + 1);
  }

  /** The tab closed. */
  drop(tabId: number): void {
    this.forget(tabId);
    this.generation.delete(tabId);
  }

  private setStatus(tabId: number, frameId: number, status: GuestStatus): void {
    let frames = this.found.get(tabId);
    if (!frames) {
      frames = new Map();
      this.found.set(tabId, frames);
    }
    frames.set(frameId, status);
  }
}
