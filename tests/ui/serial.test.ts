/** The one promise queue the history, the tab store and the badge share. */
import { describe, expect, it } from 'vitest';
import { serial } from '../../utils/serial';

describe('serial', () => {
  it('starts each task only after the one before has settled, and a failure does not stop the queue', async () => {
    const exclusive = serial();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) =>
      exclusive(async () => {
        log.push(`${name}:start`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`${name}:end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a', 20), task('b', 5, true), task('c', 1)]);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'b', 'c']);
    expect(results[1]?.status).toBe('rejected');
  });

  it('keeps separate queues apart', async () => {
    const one = serial();
    const two = serial();
    const log: string[] = [];
    let release: () => void = () => {};
    const slow = one(() => new Promise<void>((r) => (release = r)).then(() => log.push('one')));
    await two(async () => log.push('two'));
    release();
    await slow;
    expect(log).toEqual(['two', 'one']);
  });
});
