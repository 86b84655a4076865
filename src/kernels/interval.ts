/** A point estimate with the bounds of its interval, as the `point`, `lower`, `upper` of a row. */
export interface Interval {
  readonly point: number;
  readonly lower: number;
  readonly upper: number;
}
