/** Timing helpers shared by the dashboard benchmark's parts. */

export type Stats = { n: number; p50: number; p95: number; max: number; mean: number };

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function statsOf(xs: readonly number[]): Stats {
  return {
    n: xs.length,
    p50: percentile(xs, 50),
    p95: percentile(xs, 95),
    max: Math.max(...xs),
    mean: xs.reduce((s, x) => s + x, 0) / xs.length,
  };
}

/** Milliseconds with a precision that suits their size. */
export function ms(x: number): string {
  if (x < 1) return x.toFixed(2);
  if (x < 100) return x.toFixed(1);
  return x.toFixed(0);
}

export const sizeMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** "200k", "2M". */
export function sizeLabel(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 1_000 && n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}
