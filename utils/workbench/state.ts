/**
 * A workbench run as it is kept in `storage.local` (one run at a time, under RUN_KEY), so that it
 * goes on where it stopped after the workbench is closed or the browser restarts: the listing asked
 * for, every report it links in listing order with what became of it, and the listing pages that
 * could not be read. Pure.
 */
import type { Finding } from '@/lib';
import type { WorkbenchTarget } from './url';

export const RUN_KEY = 'nianbao:workbench:run';
export const RUN_VERSION = 1 as const;

/** `pending` not read yet; `done` read and kept in the history (`key`); `skipped` read, not a report; `failed` not fetched or not readable. */
export type ItemState = 'pending' | 'done' | 'skipped' | 'failed';

export interface RunItem {
  url: string;
  title: string;
  /** The listing page that linked it. */
  from?: string;
  year?: number;
  state: ItemState;
  /** Its history key, once kept. */
  key?: string;
  /** Why it failed or was skipped (Chinese, the finding's message), and the finding id (`source.fetch:challenge`…). */
  why?: string;
  reason?: string;
  /** The finding that says why (its figures let the views say it in another language). */
  finding?: Finding;
  /** Fetched and read in this long, ms (the delay not counted). */
  ms?: number;
  /** Picked up from a tab the person opened it in. */
  fromTab?: boolean;
}

/** `discovering` reading the listing; `running`; `paused` by the person; `done` every report tried; `cancelled`; `failed` the listing itself could not be read. */
export type RunPhase = 'discovering' | 'running' | 'paused' | 'done' | 'cancelled' | 'failed';

export interface ListingPageState {
  url: string;
  /** Why it could not be read (the finding's message), and the finding (to say it in another language). */
  why?: string;
  finding?: Finding;
}

export interface RunState {
  version: typeof RUN_VERSION;
  target: WorkbenchTarget;
  delayMs: number;
  phase: RunPhase;
  /** Why the run could not start (the listing's failure, no permission), and the finding that says it. */
  why?: string;
  finding?: Finding;
  pages: ListingPageState[];
  /** The start page is itself a report (not a listing): it is the one item. */
  notListing?: boolean;
  items: RunItem[];
  startedAt: string;
  updatedAt: string;
}

export const DEFAULT_DELAY_MS = 2000;

export const sameTarget = (a: WorkbenchTarget, b: WorkbenchTarget): boolean =>
  a.listing === b.listing && a.year === b.year && a.follow === b.follow;

export interface Tally {
  done: number;
  skipped: number;
  failed: number;
  left: number;
  total: number;
}

export function tally(items: readonly RunItem[]): Tally {
  const t = { done: 0, skipped: 0, failed: 0, left: 0, total: items.length };
  for (const i of items) {
    if (i.state === 'pending') t.left++;
    else t[i.state]++;
  }
  return t;
}

/** Time left, ms: each report left takes the delay and what the reports so far took beyond it (their mean; 1 s before any is read). */
export function timeLeftMs(state: Pick<RunState, 'items' | 'delayMs'>): number {
  const timed = state.items.filter((i) => i.ms !== undefined);
  const mean = timed.length ? timed.reduce((s, i) => s + (i.ms as number), 0) / timed.length : 1000;
  return tally(state.items).left * (state.delayMs + mean);
}

/** A stored value as a run; null when it is none (or from another version). */
export function asRunState(v: unknown): RunState | null {
  const s = v as RunState | null | undefined;
  if (!s || s.version !== RUN_VERSION || !Array.isArray(s.items) || typeof s.target?.listing !== 'string') return null;
  return s;
}
