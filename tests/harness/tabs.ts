/**
 * Asking the extension about a tab, from its service worker, as the popup does: the tab's id, and
 * a message to one of its frames. Used by the end-to-end tests, the demo and the bench.
 */
import type { Page, Worker } from 'playwright-core';

/** The little of the extension API called inside the service worker (no @types/chrome here). */
declare global {
  const chrome: {
    tabs: {
      query(q: object): Promise<{ id?: number; url?: string }[]>;
      sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
    };
    storage: {
      local: { get(keys: null): Promise<Record<string, unknown>> };
      session: { get(keys: string | null): Promise<Record<string, unknown>> };
    };
    action: { getBadgeText(details: { tabId: number }): Promise<string> };
  };
}

/** The id of the tab showing `page` (found by its address). */
export async function tabIdOf(sw: Worker, page: Page): Promise<number> {
  const url = page.url();
  const id = await sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

/** Send `message` to a tab's frames (or one frame); undefined when no frame answers. */
export async function askTab<T>(sw: Worker, tabId: number, message: unknown, frameId?: number): Promise<T | undefined> {
  return sw.evaluate(
    ([id, msg, frame]) =>
      chrome.tabs
        .sendMessage(id as number, msg, frame === null ? {} : { frameId: frame as number })
        .catch(() => undefined) as Promise<unknown>,
    [tabId, message, frameId ?? null] as const,
  ) as Promise<T | undefined>;
}
