/**
 * Which experiments a run for one date analyses when no slug is named.
 *
 * Parity: jetstream `AnalysisExecutor._experiment_configs_to_analyse` (date given, all slugs):
 * Experimenter's end date within 90 days before the date or live without end date, of a recognized
 * type, not a rollout; then the configured end date (which a config may extend) on or after the
 * date; then not `skip`.
 */
import { addDays, type IsoDate } from './dates.js';
import type { ConfiguredExperiment } from './apply-overrides.js';

/** Jetstream's `RECOGNIZED_EXPERIMENT_TYPES`. */
export const RECOGNIZED_EXPERIMENT_TYPES: readonly string[] = Object.freeze(['pref', 'addon', 'message', 'v6']);

/** Why `experiment` is not analysed on `date`, or null when it is selected. */
export function selectionRejection(experiment: ConfiguredExperiment, date: IsoDate): string | null {
  const original = experiment.experimenter;
  const threshold = addDays(date, -90);
  const endedAfterOrLive =
    (original.endDate !== null && original.endDate >= threshold) || (original.endDate === null && original.status === 'Live');
  if (!endedAfterOrLive) return `ended before ${threshold} (more than 90 days before ${date})`;
  if (!RECOGNIZED_EXPERIMENT_TYPES.includes(original.type)) return `type "${original.type}" is not analysed`;
  if (original.isRollout) return 'is a rollout';
  if (experiment.endDate !== null && experiment.endDate < date) return `ended on ${experiment.endDate}, before ${date}`;
  // Parity: WARNING "Skipping <slug>; skip=true in config."
  if (experiment.skip) return 'skip=true in config';
  return null;
}

/** The experiments of `experiments` analysed on `date`, in input order. */
export function selectExperiments(experiments: readonly ConfiguredExperiment[], date: IsoDate): ConfiguredExperiment[] {
  return experiments.filter((e) => selectionRejection(e, date) === null);
}
