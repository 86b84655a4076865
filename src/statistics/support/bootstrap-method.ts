/**
 * The `method` parameter of the bootstrap statistics (`bootstrap_mean`, `deciles`,
 * `population_ratio`): `monte_carlo` draws `num_samples` seeded replicates (Jetstream's semantics, the
 * default); `exact` evaluates the same replicate distribution without random numbers (saddlepoint or
 * exact discrete distribution, see docs/exact-bootstrap.md) and ignores `num_samples`.
 *
 * Deliberate extension: Jetstream has no such parameter (it always samples).
 */
import { readChoice, type RawParams } from '../../config/params.js';
import type { AnalysisSpec, Period, SummarySpec } from '../../config/spec.js';

export const BOOTSTRAP_METHODS = ['monte_carlo', 'exact'] as const;
export type BootstrapMethod = (typeof BOOTSTRAP_METHODS)[number];

/** The statistics that take `method`, by config name. */
export const STATISTICS_WITH_BOOTSTRAP_METHOD: readonly string[] = ['bootstrap_mean', 'deciles', 'population_ratio'];

/** `method` from a raw config table: `monte_carlo` (default) or `exact`, else a ConfigError naming the owner. */
export function readBootstrapMethod(owner: string, raw: RawParams): BootstrapMethod {
  return readChoice(owner, raw, 'method', BOOTSTRAP_METHODS, 'monte_carlo');
}

/** True when `value` names a bootstrap method (for validating a CLI flag). */
export function isBootstrapMethod(value: unknown): value is BootstrapMethod {
  return typeof value === 'string' && (BOOTSTRAP_METHODS as readonly string[]).includes(value);
}

/**
 * A run-wide override (`--bootstrap-method`): new validated params with `method` set, for a statistic
 * that takes it; the same params object for any other statistic. Pure: `params` is not modified.
 */
export function withBootstrapMethod<P>(statisticName: string, params: P, method: BootstrapMethod): P {
  if (!STATISTICS_WITH_BOOTSTRAP_METHOD.includes(statisticName)) return params;
  if (typeof params !== 'object' || params === null) return params;
  return { ...params, method } as P;
}

/** True when a summary's validated params select the exact method (its `num_samples` is then unused). */
export function usesExactBootstrap(statisticName: string, params: unknown): boolean {
  return (
    STATISTICS_WITH_BOOTSTRAP_METHOD.includes(statisticName) &&
    typeof params === 'object' &&
    params !== null &&
    (params as { method?: unknown }).method === 'exact'
  );
}

/**
 * The spec with every bootstrap statistic's `method` overridden (`--bootstrap-method`), and how many
 * summaries now ignore their `num_samples` (for the run summary).
 */
export function applyBootstrapMethod(spec: AnalysisSpec, method: BootstrapMethod | undefined): { spec: AnalysisSpec; exactSummaries: number } {
  const periods: Partial<Record<Period, readonly SummarySpec[]>> = {};
  let exactSummaries = 0;
  for (const [period, summaries] of Object.entries(spec.periods) as [Period, readonly SummarySpec[]][]) {
    periods[period] = summaries.map((summary) => {
      const params = method === undefined ? summary.params : withBootstrapMethod(summary.statistic, summary.params, method);
      if (usesExactBootstrap(summary.statistic, params)) exactSummaries++;
      return params === summary.params ? summary : { ...summary, params };
    });
  }
  return { spec: { ...spec, periods }, exactSummaries };
}
