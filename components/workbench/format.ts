/** How the workbench writes figures: counts as integers, rates as percentages (one decimal). Pure. */
import type { FigureKey } from '@/utils/history/summary';

export const isRate = (k: FigureKey): boolean => k.endsWith('Rate');

export function figureText(k: FigureKey, v: number | undefined): string {
  if (v === undefined) return '—';
  return isRate(k) ? `${(Math.round(v * 1000) / 10).toFixed(1)}%` : String(v);
}

/** 「约 3 分 20 秒」/"about 3 min 20 s" parts: minutes and seconds of `ms`, rounded up to the second. */
export function minutesSeconds(ms: number): [number, number] {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return [Math.floor(s / 60), s % 60];
}
