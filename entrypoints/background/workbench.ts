/**
 * A workbench run that was under way when the browser closed (its state says `running` or
 * `discovering`, utils/workbench/state.ts) goes on after the restart: the workbench page is opened
 * again, in the background, unless a restored tab already shows it; the page resumes the run from
 * its stored state, asking for no report it already has. Asked each time the worker starts, done
 * once a browser session (a mark in session storage, which the browser clears when it closes):
 * `runtime.onStartup` does not fire for an extension loaded from the command line, and a person
 * who closed the workbench tab during a run is not sent it again while the browser stays open.
 */
import { browser } from 'wxt/browser';
import { workbenchUrl } from '@/utils/listing';
import { asRunState, RUN_KEY } from '@/utils/workbench/state';

const ASKED = 'nianbao:workbench:resumeAsked';
let askedHere = false;

export async function resumeWorkbench(): Promise<boolean> {
  // Firefox's persistent background page (no session storage) starts once a session: its memory marks it.
  const session = (browser.storage as { session?: typeof browser.storage.local }).session;
  if (session) {
    if (((await session.get(ASKED)) as Record<string, unknown>)[ASKED]) return false;
    await session.set({ [ASKED]: true });
  } else if (askedHere) return false;
  askedHere = true;
  const run = asRunState(((await browser.storage.local.get(RUN_KEY)) as Record<string, unknown>)[RUN_KEY]);
  if (!run || (run.phase !== 'running' && run.phase !== 'discovering')) return false;
  const base = (browser.runtime.getURL as (p: string) => string)('/workbench.html');
  const open = await browser.tabs.query({});
  if (open.some((t) => t.url === base || t.url?.startsWith(`${base}?`))) return false;
  await browser.tabs.create({ url: workbenchUrl(run.target), active: false });
  return true;
}
