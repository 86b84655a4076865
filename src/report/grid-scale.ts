/**
 * Whether a distribution grid (KDE or ECDF `parameter` values) is geometric, so the page draws it on
 * a log x axis: every step ratio equal, within the rounding of 6-decimal parameters, and the steps
 * themselves not equal (a linear grid). Repeated points count once. Non-positive points (Jetstream's extra `parameter = 0` row of
 * a geometric grid starting at 0) are left out of the test.
 *
 * Parity: jetstream `_make_grid` (np.geomspace when `log_space`, else np.linspace).
 */
export function isGeometricGrid(x: readonly number[]): boolean {
  const positive = [...new Set(x.filter((v) => v > 0))].sort((a, b) => a - b);
  if (positive.length < 3) return false;
  const ratios: number[] = [];
  const steps: number[] = [];
  for (let i = 1; i < positive.length; i++) {
    ratios.push(positive[i] / positive[i - 1]);
    steps.push(positive[i] - positive[i - 1]);
  }
  const spread = (values: number[]) => {
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return Math.max(...values.map((v) => Math.abs(v - mean))) / Math.abs(mean);
  };
  // Parameters carry 6 decimals: tiny grid points lose relative precision, so compare on the upper
  // half of the grid, where rounding is below 1e-4 relative for any grid reaching above 0.02.
  const upper = Math.floor(ratios.length / 2);
  const geometricSpread = spread(ratios.slice(upper));
  const linearSpread = spread(steps.slice(upper));
  return geometricSpread < 1e-3 && linearSpread > 1e-3;
}
