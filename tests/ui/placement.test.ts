/** Where the panel goes so that a finding's cells are seen: the geometry, without a browser. */
import { describe, expect, it } from 'vitest';
import { panelBox, plan } from '../../entrypoints/reader.content/placement';

const room = { left: 0, right: 0, up: 2000, down: 2000 };
const overlaps = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const moved = (b: { left: number; right: number; top: number; bottom: number }, dx: number, dy: number) => ({
  left: b.left - dx,
  right: b.right - dx,
  top: b.top - dy,
  bottom: b.bottom - dy,
});

describe('placing the panel clear of the cells', () => {
  it('keeps the reader’s dock and scrolls nothing when the cells are already clear', () => {
    const p = plan({ left: 100, top: 200, right: 500, bottom: 260 }, { width: 1280, height: 800, room }, 'right');
    expect(p).toEqual({ dock: 'right', dx: 0, dy: 0, maxHeight: null, fold: false });
  });

  it('moves the panel to the other side when the cells are under it (the 总计 column at 1280 px)', () => {
    const cells = { left: 900, top: 100, right: 1000, bottom: 700 };
    const p = plan(cells, { width: 1280, height: 800, room }, 'right');
    expect(p.dock).toBe('left');
    expect(overlaps(moved(cells, p.dx, p.dy), panelBox('left', 1280, 800))).toBe(false);
  });

  it('uses a bottom sheet on a narrow window, and scrolls the cells above it', () => {
    const cells = { left: 200, top: 500, right: 600, bottom: 540 };
    const p = plan(cells, { width: 800, height: 600, room }, 'bottom');
    expect(p.dock).toBe('bottom');
    const after = moved(cells, p.dx, p.dy);
    expect(overlaps(after, panelBox('bottom', 800, 600))).toBe(false);
    expect(after.top).toBeGreaterThanOrEqual(0);
  });

  it('shortens the sheet when the cells are tall, and folds only when nothing else leaves them clear', () => {
    const tall = { left: 100, top: 50, right: 700, bottom: 450 };
    const p = plan(tall, { width: 800, height: 600, room }, 'bottom');
    expect(p.fold).toBe(false);
    expect(p.maxHeight).toBeLessThanOrEqual(600 - 24 - 416);
    const huge = { left: 0, top: 0, right: 800, bottom: 590 };
    expect(plan(huge, { width: 800, height: 600, room }, 'bottom').fold).toBe(true);
  });

  it('cannot scroll past the end of the page: another dock then', () => {
    // The table is at the very bottom of the page: no room to scroll it above a bottom sheet.
    const cells = { left: 100, top: 520, right: 500, bottom: 580 };
    const p = plan(cells, { width: 1280, height: 600, room: { left: 0, right: 0, up: 500, down: 0 } }, 'bottom');
    expect(p.dock).not.toBe('bottom');
    expect(p.fold).toBe(false);
  });
});
