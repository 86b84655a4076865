/**
 * `per_client_dau_impact`: `linear_model_mean` with `drop_highest = 0.0`, reporting the absolute
 * effect on the whole enrolled population: `difference` rows (point and bounds) multiplied by the
 * number of clients in the frame (all branches, before the model's null filtering), `relative_uplift`
 * rows unchanged, and no per-branch rows (an absolute level depends on enrollment size).
 *
 * The client count is the total row count of the frame, which, like Jetstream's subset frame
 * (`WHERE <metric> IS NOT NULL`), holds the clients of this segment and basis.
 *
 * Parity: jetstream PerClientDAUImpact(LinearModelMean) (spec 2.4).
 */
import type { Frame } from '../engine/frame.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic, type FrameSplit } from './define.js';
import {
  linearModelCovariate,
  linearModelRows,
  linearModelSplit,
  readLinearModelParams,
  type LinearModelParams,
} from './linear-model-mean.js';

function scale(value: number | null | undefined, by: number): number | null {
  return value === null || value === undefined ? null : value * by;
}

/** The frame's clients: all its rows. */
function clientsOf(frame: Frame): number {
  return frame.parts.reduce((n, part) => n + part.length, 0);
}

/** The linear model's rows as this statistic reports them: differences times `clients`, relative uplifts as they are, no per-branch rows. */
function impactRows(rows: readonly RowDraft[], clients: number): RowDraft[] {
  const out: RowDraft[] = [];
  for (const row of rows) {
    if (row.comparison === 'difference') {
      out.push({ ...row, point: scale(row.point, clients), lower: scale(row.lower, clients), upper: scale(row.upper, clients) });
    } else if (row.comparison === 'relative_uplift') {
      out.push(row);
    }
  }
  return out;
}

/** linear_model_mean's two parts (linearModelSplit), the fit part carrying the client count. */
const model = linearModelSplit('per_client_dau_impact');
const split: FrameSplit<LinearModelParams> = {
  parts: model.parts,
  part: (input, params, name) =>
    name === 'fit' ? { fit: model.part(input, params, name), clients: clientsOf(input.frame) } : model.part(input, params, name),
  combine: ([fit, ...others], params, context, report) => {
    const { fit: result, clients } = fit as { fit: unknown; clients: number };
    return impactRows(model.combine([result, ...others], params, context, report), clients);
  },
};

export default defineStatistic<LinearModelParams>({
  kind: 'frame',
  name: 'per_client_dau_impact',
  label: 'per_client_dau_impact',
  params: (raw, owner) => readLinearModelParams(raw, owner, 0.0),
  covariate: linearModelCovariate,
  analyze: (input, params) => impactRows(linearModelRows(input, params, 'per_client_dau_impact'), clientsOf(input.frame)),
  frameSplit: split,
});
