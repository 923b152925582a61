import { describe, expect, it } from 'vitest';
import { medianInterval, pairedRatio, quantile, under } from '../../bench/lib/stats';

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
    expect(p.value).toBeCloseTo(1.0, 2);
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
      ]),
    ).toEqual({ value: 1.5, low: 1.5, high: 1.5, n: 1, rounds: 1 });
  });
});

describe('the bench’s median interval', () => {
  it('holds the median, is reproducible, and narrows with more samples', () => {
    const few = [12, 9, 15, 11, 30, 10, 13];
    const a = medianInterval(few);
    expect(a.value).toBe(12);
    expect(a).toEqual(medianInterval(few));
    expect(a.low).toBeLessThanOrEqual(12);
    expect(a.high).toBeGreaterThanOrEqual(12);
    const many = Array.from({ length: 70 }, (_, i) => few[i % few.length] as number);
    const b = medianInterval(many);
    expect(b.high - b.low).toBeLessThan(a.high - a.low);
  });

  it('is empty without finite samples', () => {
    expect(medianInterval([Number.NaN]).n).toBe(0);
  });

  it('takes the nearest-rank quantile', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([5, 1, 4, 2, 3], 0.95)).toBe(5);
  });
});

describe('the bench’s verdict on a goal', () => {
  const at = (low: number, high: number) => ({ value: (low + high) / 2, low, high, n: 8, rounds: 8 });
  it('is met when the whole interval is under the bound, missed when none of it is, else undecided', () => {
    expect(under(at(0.9, 1.01), 1.02)).toBe(true);
    expect(under(at(1.03, 1.2), 1.02)).toBe(false);
    expect(under(at(0.8, 1.27), 1.02)).toBeNull();
  });
});
