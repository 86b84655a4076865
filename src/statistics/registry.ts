/**
 * The statistics Contrail knows, by config name. Adding one is a file in this directory, one import
 * and one entry in `DEFINITIONS`; a meta-test fails when a file here is not registered.
 *
 * Parity: jetstream `Statistic` subclass lookup (`Statistic '<name>' does not exist.`), with
 * explicit names instead of a CamelCase -> snake_case walk over subclasses.
 */
import { ConfigError } from '../config/params.js';
import binomial from './binomial.js';
import bootstrapMean from './bootstrap-mean.js';
import count from './count.js';
import deciles from './deciles.js';
import type { StatisticDefinition } from './define.js';
import sum from './sum.js';
import empiricalCdf from './empirical-cdf.js';
import kernelDensityEstimate from './kernel-density-estimate.js';
import linearModelMean from './linear-model-mean.js';
import perClientDauImpact from './per-client-dau-impact.js';
import populationRatio from './population-ratio.js';

const DEFINITIONS: readonly StatisticDefinition[] = [
  count,
  sum,
  binomial,
  bootstrapMean,
  deciles,
  linearModelMean,
  perClientDauImpact,
  populationRatio,
  kernelDensityEstimate,
  empiricalCdf,
];

/** Builds the name -> definition map, refusing two definitions with one name. */
export function buildStatisticRegistry(
  definitions: readonly StatisticDefinition[],
): ReadonlyMap<string, StatisticDefinition> {
  const byName = new Map<string, StatisticDefinition>();
  for (const definition of definitions) {
    if (byName.has(definition.name)) {
      throw new Error(`statistic registry: duplicate name "${definition.name}"; rename one of the definitions`);
    }
    byName.set(definition.name, definition);
  }
  return byName;
}

const REGISTRY = buildStatisticRegistry(DEFINITIONS);

/** The registered config names, sorted. */
export function statisticNames(): string[] {
  return [...REGISTRY.keys()].sort();
}

/** The definition named `name` (as a config spells it); throws ConfigError naming the known ones. */
export function getStatistic(name: string): StatisticDefinition {
  const definition = REGISTRY.get(name);
  if (definition === undefined) {
    throw new ConfigError(`unknown statistic ${JSON.stringify(name)}; known: ${statisticNames().join(', ')}`);
  }
  return definition;
}
