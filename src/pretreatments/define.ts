/**
 * The shape of a pretreatment: a named, validated transformation of one column of a frame.
 * Row filters drop whole client rows (every column of the branch); value maps return a new column.
 *
 * Parity: jetstream PreTreatment.apply(df, col) -> DataFrame.
 */
import type { RawParams } from '../config/params.js';
import type { Frame } from '../engine/frame.js';

export interface PretreatmentContext {
  /** Days in the analysis window; Jetstream overwrites every pretreatment's analysis_period_length with it. */
  readonly periodLength: number;
}

export interface PretreatmentDefinition<P = unknown> {
  /** The config name, exactly as Jetstream spells it (`censor_highest_values`). */
  readonly name: string;
  /**
   * True when each row's result depends on that row alone (a filter or map with fixed arguments),
   * so the pretreatment may run on one branch's rows; false when it pools the frame (a quantile).
   */
  readonly perRow: boolean;
  /** Validates the table's arguments (without `name`); throws ConfigError. */
  params(raw: RawParams, owner: string): P;
  /** A new frame; never writes to `frame`. */
  apply(frame: Frame, column: string, params: P, context: PretreatmentContext): Frame;
}

export function definePretreatment<P>(definition: PretreatmentDefinition<P>): PretreatmentDefinition<P> {
  return Object.freeze(definition);
}
