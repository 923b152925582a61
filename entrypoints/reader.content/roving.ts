/**
 * Moving between marks by keyboard (one tab stop for all, a roving tabindex): the arrow keys step to
 * the next or previous visible mark in reading order, Home and End to the first and last.
 */

/**
 * The index the key moves focus to from `at`, among `count` marks of which `visible(i)` can be
 * focused: -1 when there is none that way, null when the key is not one of ours.
 */
export function nextIndex(key: string, at: number, count: number, visible: (i: number) => boolean): number | null {
  let next = -1;
  if (key === 'ArrowRight' || key === 'ArrowDown') for (let i = at + 1; i < count && next < 0; i++) next = visible(i) ? i : -1;
  else if (key === 'ArrowLeft' || key === 'ArrowUp') for (let i = at - 1; i >= 0 && next < 0; i--) next = visible(i) ? i : -1;
  else if (key === 'Home') next = Array.from({ length: count }, (_, i) => i).find(visible) ?? -1;
  else if (key === 'End') next = Array.from({ length: count }, (_, i) => i).findLast(visible) ?? -1;
  else return null;
  return next;
}
