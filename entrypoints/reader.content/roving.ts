/**
 * Moving between marks by keyboard (one tab stop for all, a roving tabindex). The marks are a grid,
 * told by where their cells are: ArrowDown goes to the nearest mark below in the same column,
 * ArrowUp above, ArrowRight and ArrowLeft along the same row (then on to the next or previous mark
 * in reading order, so every mark can be reached); Home and End go to the first and the last.
 */

import type { Box } from './clip';

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0) > 1;

/**
 * The index the key moves focus to from `at`, among marks whose boxes are `boxes` (null: not
 * shown, cannot be focused), in reading order: -1 when there is none that way, null when the key
 * is not one of ours.
 */
export function gridIndex(key: string, at: number, boxes: readonly (Box | null)[]): number | null {
  const here = boxes[at];
  const shown = boxes.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
  if (key === 'Home') return shown[0] ?? -1;
  if (key === 'End') return shown[shown.length - 1] ?? -1;
  if (!['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'].includes(key)) return null;
  if (!here) {
    const next = key === 'ArrowDown' || key === 'ArrowRight' ? shown.find((i) => i > at) : shown.findLast((i) => i < at);
    return next ?? -1;
  }
  const cx = (here.left + here.right) / 2;
  const cy = (here.top + here.bottom) / 2;
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const i of shown) {
    if (i === at) continue;
    const b = boxes[i] as Box;
    const bx = (b.left + b.right) / 2;
    const by = (b.top + b.bottom) / 2;
    let score: number | null = null;
    if (key === 'ArrowDown' && by > cy + 1 && overlap(b.left, b.right, here.left, here.right)) score = by - cy;
    else if (key === 'ArrowUp' && by < cy - 1 && overlap(b.left, b.right, here.left, here.right)) score = cy - by;
    else if (key === 'ArrowRight' && bx > cx + 1 && overlap(b.top, b.bottom, here.top, here.bottom)) score = bx - cx;
    else if (key === 'ArrowLeft' && bx < cx - 1 && overlap(b.top, b.bottom, here.top, here.bottom)) score = cx - bx;
    if (score !== null && score < bestScore) {
      best = i;
      bestScore = score;
    }
  }
  if (best >= 0) return best;
  // Nothing in that column or row: the nearest mark that way, or on in reading order along a row.
  if (key === 'ArrowRight') return shown.find((i) => i > at) ?? -1;
  if (key === 'ArrowLeft') return shown.findLast((i) => i < at) ?? -1;
  for (const i of shown) {
    const b = boxes[i] as Box;
    const by = (b.top + b.bottom) / 2;
    if (key === 'ArrowDown' ? by <= cy + 1 : by >= cy - 1) continue;
    const score = Math.abs(by - cy) + Math.abs((b.left + b.right) / 2 - cx) / 4;
    if (score < bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}
