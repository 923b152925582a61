import { describe, expect, it } from 'vitest';
import { pairedRatio } from '../../bench/lib/stats';

describe('the bench’s paired ratio', () => {
  // Three rounds of fresh browsers, 20 pairs each; every pair of a round shares that round's bias.
  const bias = [0.9, 1.0, 1.15];
  const pairs: [number, number][] = [];
  const rounds: number[] = [];
  bias.forEach((b, round) => {
    for (let i = 0; i < 20; i++) {
      pairs.push([100 * b * (1 + (i % 5) / 500), 100]);
      rounds.push(round);
    }
  });

  it('is the median of the pairs’ ratios', () => {
    const p = pairedRatio(pairs, rounds);
    expect(p.ratio).toBeCloseTo(1.0, 2);
    expect(p).toMatchObject({ n: 60, rounds: 3 });
  });

  it('resampling whole rounds gives an interval as wide as the rounds disagree; pairs one by one do not', () => {
    const byRound = pairedRatio(pairs, rounds);
    const byPair = pairedRatio(pairs);
    expect(byRound.low).toBeLessThan(0.95);
    expect(byRound.high).toBeGreaterThan(1.1);
    expect(byPair.high - byPair.low).toBeLessThan((byRound.high - byRound.low) / 2);
    expect(byPair.rounds).toBe(60);
  });

  it('leaves out pairs with a missing or zero side', () => {
    expect(
      pairedRatio([
        [1, 0],
        [Number.NaN, 2],
        [3, 2],
      ]).n,
    ).toBe(1);
  });
});
