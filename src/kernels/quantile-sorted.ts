/**
 * The q-quantile of an ascending array with numpy's default `linear` method (type 7 of Hyndman &
 * Fan 1996, also pandas' default): virtual index h = (n - 1) q, interpolated between its neighbours.
 *
 * Parity: numpy `np.quantile(x, q)`; the interpolation is numpy's `_lerp`, which computes
 * `b - (b - a)(1 - t)` when t >= 0.5 so that results match numpy to the last bit.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  return interpolateLinear(sorted[lo], sorted[hi], t);
}

/** numpy's `_lerp(a, b, t)`: `b - (b - a)(1 - t)` when t >= 0.5, so it matches numpy to the last bit. */
export function interpolateLinear(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
