/**
 * The messages between the parts of the extension. Every frame of a tab runs a "guest" (detect,
 * read, mark cells); the top frame also hosts the panel, for its own report or a child frame's.
 * The background relays between frames, keeps the badge and writes the history; the popup asks the
 * tab's frames directly.
 */
import { browser } from 'wxt/browser';
import type { ReportRecord } from '@/lib';

/** What a frame is doing: still looking for a late body, settled on "no report", or showing one. */
export type GuestStatus = 'searching' | 'none' | 'report';

export interface GuestState {
  status: GuestStatus;
  url: string;
  /** The panel (and the marks) are on the page; false after the reader closed them. */
  shown: boolean;
  /** Time the last analysis took, in milliseconds (its slices together). */
  analysisMs?: number;
  /** The longest the last analysis held the page at once (its longest slice), in milliseconds. */
  analysisLongestMs?: number;
  /** How many times this frame read the whole page since it last started looking (late bodies, changed tables). */
  pageReads: number;
  /** Cells of failing findings that are marked, and those that could not be found on the page again. */
  marks?: { shown: number; lost: number };
  /** Top frame: its panel shows a child frame's report. */
  hosting?: boolean;
}

/** Frame → background. */
export type ToBackground =
  | { type: 'nianbao:report'; record: ReportRecord; save: boolean }
  | { type: 'nianbao:cleared' }
  | { type: 'nianbao:previous'; agency: string; year: number }
  | { type: 'nianbao:hello' }
  /** From the loader: this frame looks like a report; inject the reader. */
  | { type: 'nianbao:inject' }
  /** From the loader: a frame in this frame (re)loaded; put the loader into the tab's new frames. */
  | { type: 'nianbao:frames' }
  /**
   * From the popup: what the tab's top frame is doing as far as the background knows (`GuestStatus`
   * or null); with `start`, a readable tab not looked at yet is looked at now.
   */
  | { type: 'nianbao:status'; tabId: number; start?: boolean }
  | { type: 'nianbao:relay'; frameId: number; message: ToGuest };

/** Background or popup → frame. */
export type ToGuest =
  /** Answered only by a frame that holds a report: `{ record, frameUrl }`. */
  | { type: 'nianbao:get' }
  /** Answered by the frame it is sent to: its `GuestState`. */
  | { type: 'nianbao:ping' }
  /** To the top frame: show the panel for a child frame's report. */
  | { type: 'nianbao:host'; frameId: number; record: ReportRecord }
  /** To a child frame: the top frame's panel shows your report (the top frame started after you). */
  | { type: 'nianbao:hosted' }
  /** To the top frame: the child frame's report is gone. */
  | { type: 'nianbao:unhost'; frameId: number }
  /** Scroll to a finding's cells and flash them. */
  | { type: 'nianbao:locate'; findingId: string }
  /** Remove the marks (the panel in the top frame was closed). */
  | { type: 'nianbao:hide' }
  /** Show the panel and marks again (from the popup). */
  | { type: 'nianbao:show' };

export interface GetReply {
  record: ReportRecord;
  frameUrl: string;
}

export function isToGuest(m: unknown): m is ToGuest {
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof (m as { type?: unknown }).type === 'string' &&
    (m as { type: string }).type.startsWith('nianbao:')
  );
}

export const isToBackground = isToGuest as unknown as (m: unknown) => m is ToBackground;

/** Send to the background; resolves undefined instead of throwing when nobody listens. */
export async function toBackground<T = unknown>(message: ToBackground): Promise<T | undefined> {
  try {
    return (await browser.runtime.sendMessage(message)) as T | undefined;
  } catch {
    return undefined;
  }
}
