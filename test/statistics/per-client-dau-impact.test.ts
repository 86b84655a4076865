import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/engine/frame.js';
import type { AnalysisContext, Reporter } from '../../src/statistics/define.js';
import perClientDauImpact from '../../src/statistics/per-client-dau-impact.js';

const context: AnalysisContext = { metric: 'value', referenceBranch: 'control', periodLength: 7, period: 'week' };
const report: Reporter = { warn: () => {}, error: () => {} };

function frameOf(branches: Record<string, number[]>): Frame {
  const names = Object.keys(branches);
  return {
    branches: names,
    parts: names.map((b) => ({ length: branches[b].length, columns: { value: Float64Array.from(branches[b]) } })),
  };
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('per_client_dau_impact', () => {
  it("reproduces jetstream's test_per_client_dau_impact", () => {
    const frame = frameOf({ control: range(0, 10).map((x) => x / 20), treatment: range(10, 20).map((x) => x / 20) });
    const rows = perClientDauImpact.analyze({ frame, seed: 0, context, report }, perClientDauImpact.params({}, 'p'));
    const diff = rows.find((r) => r.branch === 'treatment' && r.comparison === 'difference');
    const rel = rows.find((r) => r.branch === 'treatment' && r.comparison === 'relative_uplift');
    // jetstream test_per_client_dau_impact [verified] (spec section 7): 10, (7.155338, 12.844662);
    // 2.222222, (1.082244, 3.986311)
    expect(diff?.point).toBeCloseTo(10, 6);
    expect(diff?.lower).toBeCloseTo(7.155338, 6);
    expect(diff?.upper).toBeCloseTo(12.844662, 6);
    expect(rel?.point).toBeCloseTo(2.222222, 6);
    expect(rel?.lower).toBeCloseTo(1.082244, 6);
    expect(rel?.upper).toBeCloseTo(3.986311, 6);
    expect(rows.some((r) => r.comparison === null || r.comparison === undefined)).toBe(false);
    expect(perClientDauImpact.label).toBe('per_client_dau_impact');
  });

  it('does not clip by default (drop_highest 0.0)', () => {
    expect(perClientDauImpact.params({}, 'p')).toEqual({ dropHighest: 0 });
  });

  it('has 12 rows for 3 branches and scales differences by all clients', () => {
    // spec 2.12: 2k(k-1) = 12; 12 clients in the frame, difference of means a - b = 0.75 - 0.25 = 0.5 (analytic)
    const frame = frameOf({ a: [1, 1, 0, 1], b: [0, 1, 0, 0], c: [1, 0, 1, 1] });
    const rows = perClientDauImpact.analyze({ frame, seed: 0, context, report }, perClientDauImpact.params({}, 'p'));
    expect(rows).toHaveLength(12);
    const ab = rows.find((r) => r.branch === 'a' && r.comparison === 'difference' && r.comparisonToBranch === 'b');
    expect(ab?.point).toBeCloseTo(0.5 * 12, 12);
  });

  it('gives analyze\'s rows from its two parts run apart and combined (the engine\'s split at 2M rows)', () => {
    // with a covariate: the fit part carries the client count, the grid part the covariate grid
    const control = range(0, 300).map((i) => ((i * 37) % 101) / 10);
    const treatment = range(0, 300).map((i) => ((i * 53) % 103) / 10 + 1);
    const frame: Frame = {
      branches: ['control', 'treatment'],
      parts: [control, treatment].map((y, b) => ({
        length: y.length,
        columns: { value: Float64Array.from(y), value_pre: Float64Array.from(y, (v, i) => v * 0.8 + ((i * 7 + b) % 13) / 5) },
      })),
    };
    const params = perClientDauImpact.params({ covariate_adjustment: { period: 'preenrollment_week' } }, 'p');
    const split = perClientDauImpact.frameSplit!;
    const names = split.parts(params, context);
    expect(names).toEqual(['fit', 'grid']);
    const results = names.map((name) => structuredClone(split.part({ frame, seed: 0, context, report }, params, name)));
    const rows = split.combine(results, params, context, report);
    expect(rows).toEqual(perClientDauImpact.analyze({ frame, seed: 0, context, report }, params));
    expect(rows).toHaveLength(4);
  });
});
