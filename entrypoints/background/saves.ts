/**
 * How often a tab may write to the history. A page can make its reader report again and again (a
 * `history.pushState` every second is a new in-page navigation each time, and each reading is a
 * ~100 KB record): a tab writes at most `PER_MINUTE` records in any minute, and the same report at
 * most once every `SAME_REPORT_MS`. What arrives beyond that waits, the latest reading of each report
 * kept (a few reports at most), and is written as soon as the limits allow: the last reading of a
 * report is never lost, only its intermediate ones are.
 */
import type { ReportRecord } from '@/lib';
import { reportIdentity } from '@/utils/history/identity';

export const PER_MINUTE = 4;
export const SAME_REPORT_MS = 20_000;
/** Reports a tab may have waiting at once; past that, the longest-waiting is dropped. */
export const MAX_WAITING = 4;
const MINUTE = 60_000;

export interface SaveClock {
  now(): number;
  after(fn: () => void, ms: number): () => void;
}

const realClock: SaveClock = {
  now: () => Date.now(),
  after: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

interface TabSaves {
  /** When this tab last wrote, within the last minute. */
  writes: number[];
  /** When each report was last written from this tab. */
  lastOf: Map<string, number>;
  /** The latest reading of each report waiting, oldest first. */
  waiting: Map<string, ReportRecord>;
  cancel?: (() => void) | undefined;
  /** The tab is gone: forgotten once nothing of it waits. */
  closed?: boolean;
}

export class HistorySaves {
  private readonly tabs = new Map<number, TabSaves>();

  constructor(
    private readonly write: (record: ReportRecord) => Promise<unknown>,
    private readonly clock: SaveClock = realClock,
  ) {}

  /** A report read in a tab: written now if the limits allow, else when they do. */
  offer(tabId: number, record: ReportRecord): void {
    const tab = this.tab(tabId);
    const id = reportIdentity(record);
    tab.waiting.delete(id);
    tab.waiting.set(id, record);
    while (tab.waiting.size > MAX_WAITING) tab.waiting.delete(tab.waiting.keys().next().value as string);
    this.pump(tabId, tab);
  }

  /** The tab closed: what waits is written as the limits allow, and then the tab is forgotten. */
  closed(tabId: number): void {
    const tab = this.tabs.get(tabId);
    if (!tab) return;
    tab.closed = true;
    if (tab.waiting.size === 0) this.forget(tabId);
  }

  private tab(tabId: number): TabSaves {
    let t = this.tabs.get(tabId);
    if (!t) {
      t = { writes: [], lastOf: new Map(), waiting: new Map() };
      this.tabs.set(tabId, t);
    }
    return t;
  }

  private forget(tabId: number): void {
    this.tabs.get(tabId)?.cancel?.();
    this.tabs.delete(tabId);
  }

  /** Write what the limits allow now; wake up when the next one may go. */
  private pump(tabId: number, tab: TabSaves): void {
    tab.cancel?.();
    tab.cancel = undefined;
    const now = this.clock.now();
    tab.writes = tab.writes.filter((t) => now - t < MINUTE);
    for (const [id, record] of [...tab.waiting]) {
      if (tab.writes.length >= PER_MINUTE) break;
      const last = tab.lastOf.get(id);
      if (last !== undefined && now - last < SAME_REPORT_MS) continue;
      tab.waiting.delete(id);
      tab.writes.push(now);
      tab.lastOf.set(id, now);
      void this.write(record).catch(() => undefined);
    }
    for (const [id, t] of tab.lastOf) if (now - t >= SAME_REPORT_MS) tab.lastOf.delete(id);
    if (tab.waiting.size === 0) {
      if (tab.closed) this.forget(tabId);
      return;
    }
    // The earliest moment a waiting report may go: when the minute has room, and its own turn has come.
    const minuteFree = tab.writes.length >= PER_MINUTE ? (tab.writes[0] as number) + MINUTE : now;
    const turn = (id: string) => {
      const last = tab.lastOf.get(id);
      return last === undefined ? now : last + SAME_REPORT_MS;
    };
    const soonest = Math.min(...[...tab.waiting.keys()].map((id) => Math.max(minuteFree, turn(id))));
    tab.cancel = this.clock.after(() => this.pump(tabId, tab), Math.max(0, soonest - now));
  }
}
