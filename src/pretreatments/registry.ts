/**
 * The pretreatments Contrail knows, by config name. Adding one is a file in this directory and a
 * line in `DEFINITIONS`; a meta-test fails when a file here is not registered.
 *
 * Parity: jetstream `PreTreatment` subclass lookup (`Could not find pre-treatment <name>.`), with
 * explicit names instead of a CamelCase -> snake_case walk over subclasses.
 */
import { ConfigError } from '../config/params.js';
import censorHighestValues from './censor-highest-values.js';
import censorLowestValues from './censor-lowest-values.js';
import censorValuesAboveThreshold from './censor-values-above-threshold.js';
import censorValuesBelowThreshold from './censor-values-below-threshold.js';
import type { PretreatmentDefinition } from './define.js';
import log from './log.js';
import normalizeOverAnalysisPeriod from './normalize-over-analysis-period.js';
import removeIndefinites from './remove-indefinites.js';
import removeNulls from './remove-nulls.js';
import zeroFill from './zero-fill.js';

const DEFINITIONS: readonly PretreatmentDefinition<unknown>[] = [
  removeNulls,
  removeIndefinites,
  censorHighestValues,
  censorLowestValues,
  censorValuesBelowThreshold,
  censorValuesAboveThreshold,
  normalizeOverAnalysisPeriod,
  log,
  zeroFill,
] as PretreatmentDefinition<unknown>[];

/** Builds the name -> definition map, refusing two definitions with one name. */
export function buildPretreatmentRegistry(
  definitions: readonly PretreatmentDefinition<unknown>[],
): ReadonlyMap<string, PretreatmentDefinition<unknown>> {
  const byName = new Map<string, PretreatmentDefinition<unknown>>();
  for (const definition of definitions) {
    if (byName.has(definition.name)) {
      throw new Error(`pretreatment registry: duplicate name "${definition.name}"; rename one of the definitions`);
    }
    byName.set(definition.name, definition);
  }
  return byName;
}

const REGISTRY = buildPretreatmentRegistry(DEFINITIONS);

/** The registered config names, sorted. */
export function pretreatmentNames(): string[] {
  return [...REGISTRY.keys()].sort();
}

/** The definition named `name` (as a config spells it); throws ConfigError naming the known ones. */
export function getPretreatment(name: string): PretreatmentDefinition {
  const definition = REGISTRY.get(name);
  if (definition === undefined) {
    throw new ConfigError(`unknown pretreatment ${JSON.stringify(name)}; known: ${pretreatmentNames().join(', ')}`);
  }
  return definition;
}
