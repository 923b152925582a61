/**
 * The messages between the parts of the extension, as one map from each message's type to what it
 * carries and what it is answered with, and the typed helpers that send and answer them. Every frame
 * of a tab that looks like a report runs the reader (the "guest": read, mark, show); the top frame
 * also hosts the panel, for its own report or a child frame's. The background relays between
 * frames, keeps the badge and writes the history; the popup asks the tab's frames directly.
 */
import { browser } from 'wxt/browser';
import type { ReportRecord } from '@/lib';
import type { AttachmentTarget } from './attachment';
import type { ListingSummary } from './listing-summary';
import type { WorkbenchTarget } from './workbench/url';

/**
 * What a frame is doing: still looking for a late body, settled on "no report", showing one, or
 * (no report) offering the reports the page lists.
 */
export type GuestStatus = 'searching' | 'none' | 'report' | 'listing';

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
  /**
   * The reader could not show what it read: `removed`, the page kept removing our element (we
   * stopped putting it back); `mount`, our element could not be put on the page at all. The popup
   * says the page could not be checked here.
   */
  failure?: 'removed' | 'mount';
}

/** What the loader answers for its frame until the reader runs there. */
export interface LoaderState {
  status: Exclude<GuestStatus, 'report' | 'listing'>;
  url: string;
  shown: false;
}

export interface GetReply {
  record: ReportRecord;
  frameUrl: string;
}

/** A report read in a child frame, shown by the top frame's panel. */
export interface HostedReport {
  frameId: number;
  record: ReportRecord;
}

type Nothing = Record<never, never>;

/** Frame (reader or loader) or popup → background. */
export interface ToBackground {
  /**
   * A report read in the sending frame: save it (unless its reading failed; a tab's saves are
   * limited, entrypoints/background/saves.ts), badge it, host it in the top frame.
   */
  'nianbao:report': { request: { record: ReportRecord; save: boolean }; reply: { hostedByTop: boolean } };
  /** The sending frame's report is gone (the page navigated within itself). */
  'nianbao:cleared': { request: Nothing; reply: boolean };
  /** Last year's record of this agency, for the cross-year checks. */
  'nianbao:previous': { request: { agency: string; year: number }; reply: ReportRecord | null };
  /** From a top frame whose reader just started: the reports its child frames hold. */
  'nianbao:hello': { request: Nothing; reply: HostedReport[] };
  /** From the loader: this frame looks like a report; inject the reader. */
  'nianbao:inject': { request: Nothing; reply: boolean };
  /** From the loader: a frame in this frame (re)loaded; put the loader into the tab's new frames. */
  'nianbao:frames': { request: Nothing; reply: boolean };
  /**
   * From the popup: what the tab's top frame is doing as far as the background knows; with `start`,
   * a readable tab not looked at yet is looked at now.
   */
  'nianbao:status': { request: { tabId: number; start?: boolean }; reply: GuestStatus | null };
  /**
   * From a page of the extension (the popup): the history has records its index does not describe
   * (or summaries from before identities); bring it in line, in the background. Answered at once,
   * true: the repair runs (one at a time) and the index it writes tells the pages how far it is.
   */
  'nianbao:repair': { request: Nothing; reply: boolean };
  /** From the reader's offer: open the attachment page for a file the page links, beside the sender's tab. */
  'nianbao:attachment': { request: { target: AttachmentTarget }; reply: boolean };
  /**
   * From the workbench: keep a record it read in the history (the background writes every record,
   * one change at a time, so the workbench and the tabs never write the index at once).
   */
  'nianbao:keep': { request: { record: ReportRecord }; reply: { key: string | null } };
  /** From the reader's listing offer: open the workbench on the listing, beside the sender's tab. */
  'nianbao:workbench': { request: { target: WorkbenchTarget }; reply: boolean };
  /** Pass a message on to another frame of the sender's tab. */
  'nianbao:relay': { request: { frameId: number; message: Message<'nianbao:locate' | 'nianbao:hide'> }; reply: boolean | undefined };
}

/** Background or popup → a frame's reader (`ping` also to the loader). */
export interface ToFrame {
  /** Answered only by a frame that holds a report. */
  'nianbao:get': { request: Nothing; reply: GetReply };
  /** Answered by the frame it is sent to. */
  'nianbao:ping': { request: Nothing; reply: GuestState | LoaderState };
  /** To the top frame: show the panel for a child frame's report. */
  'nianbao:host': { request: HostedReport; reply: boolean };
  /** To a child frame: the top frame's panel shows your report (the top frame started after you). */
  'nianbao:hosted': { request: Nothing; reply: boolean };
  /** To the top frame: the child frame's report is gone. */
  'nianbao:unhost': { request: { frameId: number }; reply: boolean };
  /** Scroll to a finding's cells and flash them; answered by the frame that holds the finding. */
  'nianbao:locate': { request: { findingId: string }; reply: boolean };
  /** Remove the marks (the panel in the top frame was closed). */
  'nianbao:hide': { request: Nothing; reply: boolean };
  /** From the popup: the listing the top frame offers to check; answered only by a top frame that found one. */
  'nianbao:listing': { request: Nothing; reply: ListingSummary };
  /** Show the panel and marks again (from the popup). */
  'nianbao:show': { request: Nothing; reply: GuestStatus };
}

/** Every message: its type → { request; reply }. */
export interface Messages extends ToBackground, ToFrame {}

export type MessageType = keyof Messages;
/** The message of one type, as it is sent: its `type` and what its request carries. */
export type Request<K extends MessageType> = { type: K } & Messages[K]['request'];
/** A message of any of these types. */
export type Message<K extends MessageType = MessageType> = K extends MessageType ? Request<K> : never;
export type Reply<K extends MessageType> = Messages[K]['reply'];

/** Send to the background; resolves undefined instead of throwing when nobody answers. */
export async function toBackground<K extends keyof ToBackground>(message: Request<K>): Promise<Reply<K> | undefined> {
  try {
    return (await browser.runtime.sendMessage(message)) as Reply<K> | undefined;
  } catch {
    return undefined;
  }
}

/** Send to a tab's frames (all of them, or the one `frameId`); resolves undefined when no frame answers. */
export async function toFrame<K extends keyof ToFrame>(
  tabId: number,
  message: Request<K>,
  frameId?: number,
): Promise<Reply<K> | undefined> {
  try {
    return (await browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId })) as Reply<K> | undefined;
  } catch {
    return undefined;
  }
}

/**
 * One handler per message type a part answers. A handler returns its reply (or a promise of it), or
 * undefined to leave the message to another frame (only the frame holding a report answers `get`).
 */
export type Handlers<K extends MessageType, Sender> = {
  [P in K]: (message: Request<P>, sender: Sender) => Reply<P> | Promise<Reply<P>> | undefined;
};

const isMessage = (m: unknown): m is { type: string } =>
  typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';

/**
 * The `runtime.onMessage` listener that routes each message to its handler. Messages of other types
 * are left alone; a handler that throws is reported to `onError` and answers nothing.
 */
export function answer<K extends MessageType, Sender>(handlers: Handlers<K, Sender>, onError: (e: unknown) => void = () => {}) {
  const table = handlers as unknown as Record<string, (message: unknown, sender: Sender) => unknown>;
  return (message: unknown, sender: Sender): Promise<unknown> | undefined => {
    if (!isMessage(message) || !Object.hasOwn(table, message.type)) return undefined;
    try {
      const reply = table[message.type]?.(message, sender);
      return reply === undefined ? undefined : Promise.resolve(reply);
    } catch (e) {
      onError(e);
      return undefined;
    }
  };
}
