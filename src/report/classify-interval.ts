/**
 * Reads a comparison interval (difference or relative uplift against the reference) as "clearly
 * better", "clearly worse" or "inconclusive": better when the whole interval lies strictly on the
 * good side of 0 (above when bigger is better, below otherwise), worse when it lies strictly on the
 * bad side, inconclusive when it touches or spans 0 or a bound is missing.
 *
 * Reference: Experimenter's results dashboard colours significance the same way (positive /
 * negative / neutral by whether the interval excludes 0).
 */
import type { Verdict } from './report-data.js';

export function classifyInterval(lower: number | null, upper: number | null, biggerIsBetter: boolean): Verdict {
  if (lower === null || upper === null || Number.isNaN(lower) || Number.isNaN(upper)) return 'inconclusive';
  const direction = lower > 0 ? 1 : upper < 0 ? -1 : 0;
  if (direction === 0) return 'inconclusive';
  return (direction > 0) === biggerIsBetter ? 'better' : 'worse';
}
