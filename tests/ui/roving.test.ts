/** Moving between marks by keyboard as through a grid: down the column, along the row; hidden marks skipped. */
import { describe, expect, it } from 'vitest';
import { gridIndex } from '../../entrypoints/reader.content/roving';

// A 3×3 table of cells 60×20 in reading order; the centre one is hidden (scrolled out of a container).
const cell = (row: number, col: number) => ({ left: col * 60, top: row * 20, right: col * 60 + 60, bottom: row * 20 + 20 });
const boxes = [cell(0, 0), cell(0, 1), cell(0, 2), cell(1, 0), null, cell(1, 2), cell(2, 0), cell(2, 1), cell(2, 2)];

describe('moving between marks', () => {
  it('goes down and up the column, not along the row', () => {
    expect(gridIndex('ArrowDown', 0, boxes)).toBe(3);
    expect(gridIndex('ArrowDown', 3, boxes)).toBe(6);
    expect(gridIndex('ArrowUp', 5, boxes)).toBe(2);
    // The cell below is hidden: the next one down the column.
    expect(gridIndex('ArrowDown', 1, boxes)).toBe(7);
  });

  it('goes left and right along the row, then on in reading order', () => {
    expect(gridIndex('ArrowRight', 3, boxes)).toBe(5);
    expect(gridIndex('ArrowLeft', 5, boxes)).toBe(3);
    expect(gridIndex('ArrowRight', 2, boxes)).toBe(3);
    expect(gridIndex('ArrowLeft', 0, boxes)).toBe(-1);
  });

  it('goes to the nearest mark below when the column has none', () => {
    const marks = [cell(0, 0), cell(3, 4)];
    expect(gridIndex('ArrowDown', 0, marks)).toBe(1);
    expect(gridIndex('ArrowUp', 0, marks)).toBe(-1);
  });

  it('jumps to the first and last shown, and leaves other keys alone', () => {
    expect(gridIndex('Home', 8, boxes)).toBe(0);
    expect(gridIndex('End', 0, [cell(0, 0), null])).toBe(0);
    expect(gridIndex('Tab', 0, boxes)).toBeNull();
  });
});
