/**
 * Opening the workbench (entrypoints/workbench/) on a listing, beside the tab that lists it: from
 * the popup directly, from the reader through the background (a content script has no tabs API).
 */
import { browser } from 'wxt/browser';
import { type Beside, besideTab, openBeside, tabsApi } from './beside';
import { toBackground } from './messages';
import { type WorkbenchTarget, workbenchPath } from './workbench/url';

export type { WorkbenchTarget };

/** The workbench page's full address for `target`. */
export function workbenchUrl(target: WorkbenchTarget): string {
  return (browser.runtime.getURL as (p: string) => string)(workbenchPath(target));
}

/** Open the workbench for a listing in a new tab after `beside` (the tab that lists it). Needs the tabs API. */
export async function openWorkbenchBeside(target: WorkbenchTarget, beside?: Beside): Promise<boolean> {
  if (!/^https?:/i.test(target.listing)) return false;
  await openBeside(workbenchUrl(target), beside);
  return true;
}

/**
 * Open the workbench for a listing beside the tab `tabId` (the one the popup is about), else beside
 * the current tab: directly where there is a tabs API, else through the background.
 */
export async function openWorkbench(target: WorkbenchTarget, tabId?: number): Promise<void> {
  const tabs = tabsApi();
  if (!tabs) {
    await toBackground({ type: 'nianbao:workbench', target });
    return;
  }
  await openWorkbenchBeside(target, await besideTab(tabs, tabId));
}
