/** Order statistics and intervals over the bench's samples (milliseconds unless said otherwise). */
export interface Summary {
  n: number;
  median: number;
  p95: number;
  max: number;
}

/** The value below which `q` of the samples lie (nearest rank). */
export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

export function summarize(samples: number[]): Summary {
  return {
    n: samples.length,
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/** A number for a table cell: 3 significant digits, no exponent. */
export function fmt(v: number | undefined, unit = ''): string {
  if (v === undefined || Number.isNaN(v)) return 'n/a';
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return `${v.toFixed(digits)}${unit}`;
}

/** A median and its 95 % interval. */
export interface Interval {
  value: number;
  low: number;
  high: number;
  n: number;
  /** How many independent groups (rounds of fresh browsers) the interval rests on. */
  rounds: number;
}

export const fmtInterval = (i: Interval, unit = '') =>
  `${fmt(i.value, unit)}  (95 % CI ${fmt(i.low)}–${fmt(i.high)}${unit}, n ${i.n}${i.rounds !== i.n ? ` in ${i.rounds} rounds` : ''})`;

/**
 * The median of `values` with a 95 % bootstrap interval (2,000 resamples, a fixed seed so a run is
 * reproducible). With `cluster` (the round of each value: the browsers it was measured in), whole
 * rounds are resampled, then values within them: every value of a round shares that round's
 * browsers, and two fresh browsers differ by several per cent on their own, so values resampled
 * one by one would give an interval narrower than the measurement supports.
 */
export function medianInterval(values: number[], cluster?: number[]): Interval {
  const groups = new Map<number, number[]>();
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    const c = cluster?.[i] ?? i;
    const g = groups.get(c);
    if (g) g.push(v);
    else groups.set(c, [v]);
  });
  const clusters = [...groups.values()];
  const kept = clusters.flat();
  if (kept.length === 0) return { value: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0, rounds: 0 };
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const medians: number[] = [];
  for (let k = 0; k < 2000; k++) {
    const sample: number[] = [];
    for (let g = 0; g < clusters.length; g++) {
      const c = pick(clusters);
      for (let i = 0; i < c.length; i++) sample.push(pick(c));
    }
    medians.push(quantile(sample, 0.5));
  }
  return {
    value: quantile(kept, 0.5),
    low: quantile(medians, 0.025),
    high: quantile(medians, 0.975),
    n: kept.length,
    rounds: clusters.length,
  };
}

/** Whether an interval lies under `bound` (true), at or over it (false), or holds it (null: undecided). */
export const under = (i: Interval, bound: number): boolean | null => (i.high < bound ? true : i.low >= bound ? false : null);

/**
 * The ratio a ÷ b from paired samples (a[i] and b[i] measured side by side, in the same round): the
 * median of the pairs' ratios, with its interval as above. Pairing cancels the machine's drift
 * between rounds, which per-side medians do not. Pairs with a missing or zero side are left out.
 */
export function pairedRatio(pairs: [number, number][], cluster?: number[]): Interval {
  const ratios = pairs.map(([a, b]) => (a > 0 && b > 0 ? a / b : Number.NaN));
  return medianInterval(ratios, cluster);
}
