/** How many worker threads a batch gets: by pages, by the --jobs bound, and by memory. */
import { describe, expect, it } from 'vitest';
import { workerMemoryMb } from '../../cli/limits';
import { availableMb, threadsFor } from '../../cli/pool';

const plenty = { perThreadMb: 215, availableMb: 64_000 };

describe('threadsFor', () => {
  it('runs a small batch in this thread and a large one on up to --jobs threads', () => {
    expect(threadsFor(5, 8, plenty)).toBe(1);
    expect(threadsFor(12, 8, plenty)).toBe(2);
    expect(threadsFor(500, 8, plenty)).toBe(8);
    expect(threadsFor(500, 2, plenty)).toBe(2);
  });

  it('takes no more threads than half the available memory holds at what the largest page costs', () => {
    // 8 cores, 2 GB free, pages of 100 KB (215 MB a thread): 4 threads; with a 2.4 MB page among them, 1.
    expect(threadsFor(500, 8, { perThreadMb: workerMemoryMb(100 * 1024), availableMb: 2048 })).toBe(4);
    expect(threadsFor(500, 8, { perThreadMb: workerMemoryMb(2.4e6), availableMb: 2048 })).toBe(1);
    // Never fewer than one: with too little memory the batch still runs, in one thread.
    expect(threadsFor(500, 8, { perThreadMb: 552, availableMb: 100 })).toBe(1);
  });

  it('reads the memory available to this process', () => {
    expect(availableMb()).toBeGreaterThan(0);
  });
});
