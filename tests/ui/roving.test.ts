/** Moving between marks by keyboard: hidden marks are skipped, other keys are left to the page. */
import { describe, expect, it } from 'vitest';
import { nextIndex } from '../../entrypoints/reader.content/roving';

// Five marks; the second and the last are hidden (their cells scrolled out of a container).
const visible = (i: number) => i !== 1 && i !== 4;

describe('roving between marks', () => {
  it('steps to the next or previous visible mark, and stays when there is none', () => {
    expect(nextIndex('ArrowDown', 0, 5, visible)).toBe(2);
    expect(nextIndex('ArrowRight', 2, 5, visible)).toBe(3);
    expect(nextIndex('ArrowDown', 3, 5, visible)).toBe(-1);
    expect(nextIndex('ArrowUp', 2, 5, visible)).toBe(0);
    expect(nextIndex('ArrowLeft', 0, 5, visible)).toBe(-1);
  });

  it('jumps to the first and last visible mark', () => {
    expect(nextIndex('Home', 3, 5, visible)).toBe(0);
    expect(nextIndex('End', 0, 5, visible)).toBe(3);
    expect(nextIndex('End', 0, 5, () => false)).toBe(-1);
  });

  it('leaves every other key alone', () => {
    expect(nextIndex('Tab', 0, 5, visible)).toBeNull();
    expect(nextIndex('a', 0, 5, visible)).toBeNull();
  });
});
