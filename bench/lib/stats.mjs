// Small statistics helpers. Percentiles use the nearest-rank method: with 50 samples the p95 is
// the 48th smallest value, a value that was actually observed (no interpolation).

export function median(values) {
  return percentile(values, 50);
}

export function percentile(values, p) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * v.length));
  return v[rank - 1];
}

/** { n, min, p50, p95, max } of a list of numbers, rounded to 0.1. */
export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  if (!v.length) return { n: 0, min: null, p50: null, p95: null, max: null };
  return {
    n: v.length,
    min: round1(Math.min(...v)),
    p50: round1(percentile(v, 50)),
    p95: round1(percentile(v, 95)),
    max: round1(Math.max(...v)),
  };
}

export const round1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
