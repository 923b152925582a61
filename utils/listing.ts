/**
 * Opening the workbench (entrypoints/workbench/) on a listing, beside the tab that lists it: from
 * the popup directly, from the reader through the background (a content script has no tabs API).
 */
import { browser } from 'wxt/browser';
import { toBackground } from './messages';
import { type WorkbenchTarget, workbenchPath } from './workbench/url';

export type { WorkbenchTarget };

/** The workbench page's full address for `target`. */
export function workbenchUrl(target: WorkbenchTarget): string {
  return (browser.runtime.getURL as (p: string) => string)(workbenchPath(target));
}

/** Open the workbench for a listing in a new tab after `beside` (the tab that lists it). Needs the tabs API. */
export async function openWorkbenchBeside(target: WorkbenchTarget, beside?: { id?: number; index?: number }): Promise<boolean> {
  if (!/^https?:/i.test(target.listing)) return false;
  await browser.tabs.create({
    url: workbenchUrl(target),
    ...(beside?.index !== undefined ? { index: beside.index + 1 } : {}),
    ...(beside?.id !== undefined ? { openerTabId: beside.id } : {}),
  });
  return true;
}

/**
 * Open the workbench for a listing beside the tab `tabId` (the one the popup is about), else beside
 * the current tab: directly where there is a tabs API, else through the background.
 */
export async function openWorkbench(target: WorkbenchTarget, tabId?: number): Promise<void> {
  const tabs = (browser as { tabs?: typeof browser.tabs }).tabs;
  if (typeof tabs?.create !== 'function') {
    await toBackground({ type: 'nianbao:workbench', target });
    return;
  }
  const beside = tabId === undefined ? undefined : await tabs.get(tabId).catch(() => undefined);
  const [current] = beside ? [beside] : await tabs.query({ active: true, currentWindow: true });
  await openWorkbenchBeside(target, current);
}
