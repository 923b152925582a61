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
