export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Sample standard deviation (0 for fewer than two values). */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const average = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1));
}

/** `0.734 ± 0.021` */
export function formatMeanSd(values: readonly number[], digits = 3): string {
  return `${mean(values).toFixed(digits)} ± ${standardDeviation(values).toFixed(digits)}`;
}
