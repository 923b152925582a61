/** How the workbench writes figures (counts as integers, rates as percentages, one decimal) and why a report failed. */
import { unreadRecord } from '@/lib/record/unread';
import { formatRate } from '@/utils/findings';
import type { FigureKey } from '@/utils/history/summary';
import type { RunItem } from '@/utils/workbench/state';
import { findingText, plain } from '../findingText';
import { uiLang } from '../words';

export const isRate = (k: FigureKey): boolean => k.endsWith('Rate');

export function figureText(k: FigureKey, v: number | undefined): string {
  if (v === undefined) return '—';
  return isRate(k) ? formatRate(v) : String(v);
}

/** 「约 3 分 20 秒」/"about 3 min 20 s" parts: minutes and seconds of `ms`, rounded up to the second. */
export function minutesSeconds(ms: number): [number, number] {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return [Math.floor(s / 60), s % 60];
}

/** A record with nothing in it: what a failure's words need of a record (nothing). */
const NOTHING = unreadRecord({ url: '', title: '', capturedAt: '', kind: 'html' }, []);

/** Why a report could not be checked, in the interface's language (the finding's own Chinese when it has no other words). */
export function whyText(item: Pick<RunItem, 'why' | 'finding'>): string {
  return item.finding ? plain(findingText(NOTHING, item.finding, uiLang()).title) : (item.why ?? '');
}
