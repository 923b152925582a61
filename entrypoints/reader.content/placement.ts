/**
 * Where the panel may sit so that a finding's cells are seen: pure geometry. Given the cells' box
 * in the window, the window, how far it can scroll and the panel's size in each dock, choose a dock
 * (the reader's first), a scroll, and if need be a shorter bottom sheet, that leave every cell in
 * the window and clear of the panel; when nothing does, fold the panel.
 */
import type { Dock } from '@/components/Panel';
import type { Box } from './clip';

export interface Window {
  width: number;
  height: number;
  /** How far the window can still scroll each way (px ≥ 0). */
  room: { left: number; right: number; up: number; down: number };
}

export interface Plan {
  dock: Dock;
  /** Scroll the window by this much. */
  dx: number;
  dy: number;
  /** A height the panel must keep under (bottom sheet), or null. */
  maxHeight: number | null;
  /** Nothing fits: fold the panel into its pill for now. */
  fold: boolean;
}

/** Margins of the panel (panel.css): the gap to the window's edge, and the air kept around the cells. */
export const EDGE = 12;
const AIR = 8;
/** A bottom sheet shorter than this is no use. */
const MIN_SHEET = 140;
/** The side panel's width (panel.css) and the bottom sheet's share of the window. */
export const SIDE_WIDTH = 340;
export const SHEET_SHARE = 0.42;

/** The panel's box in each dock, for a window of this size (the CSS's rules, as numbers). */
export function panelBox(dock: Dock, width: number, height: number, sheetHeight = Math.round(height * SHEET_SHARE)): Box {
  const w = Math.min(SIDE_WIDTH, width - 2 * EDGE);
  if (dock === 'right') return { left: width - EDGE - w, top: EDGE, right: width - EDGE, bottom: height - EDGE };
  if (dock === 'left') return { left: EDGE, top: EDGE, right: EDGE + w, bottom: height - EDGE };
  return { left: EDGE, top: height - EDGE - sheetHeight, right: width - EDGE, bottom: height - EDGE };
}

/** The part of the window the panel leaves free (one side of it). */
export function freeArea(dock: Dock, panel: Box, width: number, height: number): Box {
  if (dock === 'right') return { left: 0, top: 0, right: panel.left, bottom: height };
  if (dock === 'left') return { left: panel.right, top: 0, right: width, bottom: height };
  return { left: 0, top: 0, right: width, bottom: panel.top };
}

/** The scroll along one axis that brings [a, b] inside [lo, hi], moving as little as possible; null when it cannot. */
function shift(a: number, b: number, lo: number, hi: number, back: number, ahead: number): number | null {
  if (b - a > hi - lo) return null;
  let d = 0;
  if (a < lo) d = a - lo;
  else if (b > hi) d = b - hi;
  // Beyond the minimum, centre the cells when they had to move (easier to find by eye).
  if (d !== 0) d = (a + b) / 2 - (lo + hi) / 2;
  d = Math.max(-back, Math.min(ahead, d));
  return a - d >= lo - 0.5 && b - d <= hi + 0.5 ? d : null;
}

function fitInside(target: Box, free: Box, win: Window): { dx: number; dy: number } | null {
  const dx = shift(target.left, target.right, free.left + AIR, free.right - AIR, win.room.left, win.room.right);
  const dy = shift(target.top, target.bottom, free.top + AIR, free.bottom - AIR, win.room.up, win.room.down);
  return dx === null || dy === null ? null : { dx, dy };
}

/** The docks to try (of those allowed), the reader's first; the sides before the bottom. */
function order(prefer: Dock, allowed: readonly Dock[]): Dock[] {
  const rest = (['right', 'left', 'bottom'] as Dock[]).filter((d) => d !== prefer);
  return [prefer, ...rest].filter((d) => allowed.includes(d));
}

/**
 * `allowed`: the docks that may be used. Cells taller than the window (a whole column) are placed
 * by their span across with a side dock only, so that a bottom sheet covers none of those below;
 * cells wider than it (a whole row), by their span down with the bottom sheet only.
 */
export function plan(target: Box, win: Window, prefer: Dock, allowed: readonly Dock[] = ['left', 'right', 'bottom']): Plan {
  for (const dock of order(prefer, allowed)) {
    const box = panelBox(dock, win.width, win.height);
    if (box.right - box.left < 200) continue;
    const ok = fitInside(target, freeArea(dock, box, win.width, win.height), win);
    if (ok) return { dock, ...ok, maxHeight: null, fold: false };
  }
  // A shorter bottom sheet: as tall as the window leaves under the cells.
  const tall = target.bottom - target.top + 2 * AIR;
  const sheet = win.height - 2 * EDGE - tall;
  if (sheet >= MIN_SHEET && allowed.includes('bottom')) {
    const box = panelBox('bottom', win.width, win.height, sheet);
    const ok = fitInside(target, freeArea('bottom', box, win.width, win.height), win);
    if (ok) return { dock: 'bottom', ...ok, maxHeight: sheet, fold: false };
  }
  const whole = fitInside(target, { left: 0, top: 0, right: win.width, bottom: win.height }, win);
  return { dock: prefer, dx: whole?.dx ?? 0, dy: whole?.dy ?? 0, maxHeight: null, fold: true };
}

/** The box around all these boxes. */
export function union(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  return boxes.reduce((u, b) => ({
    left: Math.min(u.left, b.left),
    top: Math.min(u.top, b.top),
    right: Math.max(u.right, b.right),
    bottom: Math.max(u.bottom, b.bottom),
  }));
}
