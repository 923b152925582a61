/**
 * Putting the extension's scripts into a tab's frames: the reader into a frame that looks like a
 * report (once per document), the loader into every frame where the page's own world is missing.
 */
import { browser } from 'wxt/browser';

/** The loader (entrypoints/loader.ts), for browsers without the page's world for extensions. */
const LOADER_FILE = '/loader.js';
/** The reader (entrypoints/reader.content/). */
const READER_FILE = '/content-scripts/reader.js';

/**
 * Claim a frame for the reader, in the frame's own isolated world: true the first time only. A
 * second copy of the reader in a frame would start a second WXT context, which ends the first.
 */
function claimFrame(): boolean {
  const w = window as unknown as { __nianbaoReaderClaimed?: boolean };
  if (w.__nianbaoReaderClaimed) return false;
  w.__nianbaoReaderClaimed = true;
  return true;
}

/** Run the reader in one frame, once per document, however many times it is asked for. */
export async function injectReader(tabId: number, frameId: number): Promise<boolean> {
  try {
    const target = { tabId, frameIds: [frameId] };
    const [claim] = await browser.scripting.executeScript({ target, func: claimFrame });
    if (claim?.result !== true) return true;
    await browser.scripting.executeScript({ target, files: [READER_FILE] });
    return true;
  } catch {
    return false;
  }
}

/**
 * Put the loader into every frame of a tab the extension may read (it does nothing in a frame that
 * already has it). Frames of other sites are skipped; a tab whose own page is not readable is left
 * alone. Never throws.
 */
export async function injectLoader(tabId: number): Promise<void> {
  try {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [LOADER_FILE] });
  } catch {
    // a tab that closed or navigated away meanwhile, or a page we may not read
  }
}
