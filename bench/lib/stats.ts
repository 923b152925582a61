/** Order statistics over samples (milliseconds unless said otherwise). */
export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
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
    min: samples.length ? Math.min(...samples) : Number.NaN,
  };
}

/** Geometric mean: the average of ratios that neither a fast nor a slow page dominates. */
export function geomean(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}

/** A number for a table cell: 3 significant digits, no exponent. */
export function fmt(v: number | undefined, unit = ''): string {
  if (v === undefined || Number.isNaN(v)) return 'n/a';
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return `${v.toFixed(digits)}${unit}`;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * The ratio a ÷ b from paired samples (a[i] and b[i] measured side by side, in the same round):
 * the median of the pairs' ratios, with a 95 % bootstrap interval for that median (2,000 resamples,
 * a fixed seed so a run is reproducible). Pairing cancels the machine's drift between rounds, which
 * per-side medians do not.
 *
 * With `cluster` (the round of each pair: the browsers it was measured in), the interval resamples
 * whole rounds, then pairs within them. Two fresh browsers differ by several per cent on their own
 * and every pair of a round shares that difference, so pairs resampled one by one give an interval
 * narrower than the measurement can support; `rounds` says how many rounds it rests on.
 */
export function pairedRatio(
  pairs: [number, number][],
  cluster?: number[],
): { ratio: number; low: number; high: number; n: number; rounds: number } {
  const kept = pairs.map(([a, b], i) => ({ r: a / b, c: cluster?.[i] ?? i, ok: a > 0 && b > 0 })).filter((p) => p.ok);
  const ratios = kept.map((p) => p.r);
  if (ratios.length === 0) return { ratio: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0, rounds: 0 };
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
  // Without `cluster` every pair is a round of its own, and this is the plain bootstrap of pairs.
  const groups = new Map<number, number[]>();
  for (const p of kept) {
    const g = groups.get(p.c);
    if (g) g.push(p.r);
    else groups.set(p.c, [p.r]);
  }
  const clusters = [...groups.values()];
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
    ratio: quantile(ratios, 0.5),
    low: quantile(medians, 0.025),
    high: quantile(medians, 0.975),
    n: ratios.length,
    rounds: clusters.length,
  };
}
