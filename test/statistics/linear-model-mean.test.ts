import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/params.js';
import type { Frame } from '../../src/engine/frame.js';
import { StatisticError, type AnalysisContext, type Reporter } from '../../src/statistics/define.js';
import linearModelMean, { covariateClipAndGridMean } from '../../src/statistics/linear-model-mean.js';
import { quantileSorted } from '../../src/kernels/quantile-sorted.js';
import { createRng } from '../../src/kernels/rng.js';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';
import type { RowDraft } from '../../src/results/statistic-row.js';

const context: AnalysisContext = { metric: 'value', referenceBranch: 'control', periodLength: 7, period: 'week' };

function frameOf(branches: Record<string, Record<string, ArrayLike<number>>>): Frame {
  const names = Object.keys(branches);
  return {
    branches: names,
    parts: names.map((b) => {
      const columns: Record<string, Float64Array> = {};
      for (const [c, v] of Object.entries(branches[b])) columns[c] = Float64Array.from(v);
      return { length: columns.value.length, columns };
    }),
  };
}

function run(frame: Frame, raw: Record<string, unknown> = {}, ctx: AnalysisContext = context) {
  const warnings: string[] = [];
  const errors: string[] = [];
  const report: Reporter = { warn: (m) => warnings.push(m), error: (m) => errors.push(m) };
  const params = linearModelMean.params(raw, 'linear_model_mean');
  const rows = linearModelMean.analyze({ frame, seed: 1, context: ctx, report }, params);
  return { rows, warnings, errors };
}

function find(rows: RowDraft[], branch: string, comparison: string | null = null, to: string | null = null): RowDraft {
  const row = rows.find((r) => r.branch === branch && (r.comparison ?? null) === comparison && (r.comparisonToBranch ?? null) === to);
  if (row === undefined) throw new Error(`no row ${branch} ${comparison} ${to}`);
  return row;
}

function expectInterval(row: RowDraft, point: number, lower: number, upper: number, digits: number): void {
  expect(row.point).toBeCloseTo(point, digits);
  expect(row.lower).toBeCloseTo(lower, digits);
  expect(row.upper).toBeCloseTo(upper, digits);
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('linear_model_mean', () => {
  it("reproduces jetstream's test_linear_model_mean exactly", () => {
    const { rows } = run(frameOf({ treatment: { value: range(0, 10) }, control: { value: range(10, 20) } }));
    // jetstream test_linear_model_mean [verified] (spec section 7), to 1e-6
    expectInterval(find(rows, 'treatment'), 4.5, 2.334149, 6.665851, 6);
    expectInterval(find(rows, 'control'), 14.5, 12.334149, 16.665851, 6);
    expectInterval(find(rows, 'treatment', 'difference', 'control'), -10, -12.844662, -7.155338, 6);
    expectInterval(find(rows, 'treatment', 'relative_uplift', 'control'), -0.689655, -0.799451, -0.519749, 6);
    // the reverse pair from the same fit: difference +10 with the same half-width (analytic)
    expectInterval(find(rows, 'control', 'difference', 'treatment'), 10, 7.155338, 12.844662, 6);
    expect(rows.every((r) => r.ciWidth === 0.95)).toBe(true);
    expect(rows).toHaveLength(2 + 4);
  });

  it("matches mozanalysis test_summarize_one_branch on range(100)", () => {
    const { rows } = run(frameOf({ a: { value: range(0, 100) }, b: { value: range(0, 100).map((x) => x + 1) } }), {
      drop_highest: 0,
    });
    // mozanalysis test_summarize_one_branch: mean 49.5, 95% CI (43.74349, 55.25650) (to 1e-4 there)
    expectInterval(find(rows, 'a'), 49.5, 43.74349, 55.2565, 4);
    // scipy: 49.5 -/+ stats.t.ppf(0.975, 99) * np.arange(100.).std(ddof=1) / 10
    expectInterval(find(rows, 'a'), 49.5, 43.74349058306416, 55.25650941693584, 9);
  });

  it('clips at the pooled quantile, rounding up for integral columns', () => {
    // pooled 0..19, quantile(0.9) = 17.1 -> ceil 18 (integral column); the clipped treatment mean is
    // (0+...+9)/10 = 4.5 and the clipped control mean (10+...+17 + 18 + 18)/10 = 14.4 (analytic)
    const { rows } = run(frameOf({ treatment: { value: range(0, 10) }, control: { value: range(10, 20) } }), { drop_highest: 0.1 });
    expect(find(rows, 'control').point).toBeCloseTo(14.4, 12);
    // same data + 0.5: quantile(0.9) = 17.6 is not rounded; control mean (10.5+...+17.5 + 2*17.6)/10 = 14.72
    const half = run(frameOf({ treatment: { value: range(0, 10).map((x) => x + 0.5) }, control: { value: range(10, 20).map((x) => x + 0.5) } }), {
      drop_highest: 0.1,
    });
    expect(find(half.rows, 'control').point).toBeCloseTo(14.72, 12);
  });

  it('skips a reference branch that is all zero, with jetstream\'s message', () => {
    // jetstream test_linear_model_mean_all_zero_reference_branch: treatment 1..10, control all 0
    const { rows, errors } = run(frameOf({ treatment: { value: range(1, 11) }, control: { value: new Array(10).fill(0) } }));
    expect(rows.filter((r) => r.comparisonToBranch === 'control')).toHaveLength(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/reference branch 'control' has 10 non-null client\(s\) and all values for metric 'value' are zero/);
    const both = run(frameOf({ treatment: { value: [0, 0, 0] }, control: { value: [0, 0] } }));
    expect(both.rows).toHaveLength(0);
    expect(both.errors).toHaveLength(2);
  });

  it('skips a reference branch zeroed by the trimming', () => {
    // jetstream test_linear_model_mean_reference_branch_zeroed_by_trimming: 101 treatment zeros,
    // control 100 zeros + one 1; pooled quantile(0.995) of 201 zeros and a 1 is 0 (numpy linear)
    const { rows, errors } = run(frameOf({ treatment: { value: new Array(101).fill(0) }, control: { value: [...new Array(100).fill(0), 1] } }));
    expect(rows.filter((r) => r.comparisonToBranch === 'control')).toHaveLength(0);
    expect(errors.some((e) => /became all zeroes after outlier trimming \(pooled 0\.995 quantile threshold is 0\)/.test(e))).toBe(true);
  });

  it('gives null rows for a zero-variance target', () => {
    // mozanalysis _validate_parameters: np.isclose(std, 0) -> all-NaN output of the right shape
    const { rows } = run(frameOf({ a: { value: [3, 3, 3] }, b: { value: [3, 3] }, c: { value: [3] } }));
    expect(rows).toHaveLength(3 + 2 * 3 * 2);
    expect(rows.every((r) => r.point === null && r.lower === null && r.upper === null && r.ciWidth === 0.95)).toBe(true);
  });

  it('gives null rows when the std is within 1e-8 of zero but not zero, and estimates just above', () => {
    // np.isclose(std, 0): |std| <= 1e-8. Values 1 and 1 + 1e-8 alternating, 4 per branch: the
    // pooled sample std (ddof 1) of 6 of each is 5.22e-9 (numpy: np.std([1, 1 + 1e-8] * 6, ddof=1)
    // = 5.222329646932384e-09) -> null rows. With 1 + 1e-6: 5.22e-7 -> estimates.
    for (const [step, nulls] of [[1e-8, true], [1e-6, false]] as const) {
      const values = (k: number) => Array.from({ length: 4 }, (_, i) => 1 + ((i + k) % 2) * step);
      const { rows } = run(frameOf({ a: { value: values(0) }, b: { value: values(1) }, c: { value: values(0) } }));
      expect(rows.every((r) => r.point === null)).toBe(nulls);
    }
  });

  it('has 15 rows for 3 branches', () => {
    // jetstream spec 2.12: k + 2k(k-1) = 15
    const { rows } = run(frameOf({ a: { value: [1, 0, 1, 1] }, b: { value: [0, 1, 1, 0] }, c: { value: [1, 1, 0, 1] } }));
    expect(rows).toHaveLength(15);
  });

  it('names the pretreatments that fix a null target', () => {
    // README difference 2: a null reaching a statistic is an error record naming the fix
    const call = () => run(frameOf({ treatment: { value: [1, Number.NaN] }, control: { value: [2, 3] } }));
    expect(call).toThrow(StatisticError);
    expect(call).toThrow(/^linear_model_mean: metric value has null values in branch "treatment"; add a remove_nulls or zero_fill pretreatment$/);
  });
});

/** MINSTD (Park & Miller): exact in doubles, so the same generator in Python gives the same data for numpy. */
function* minstd(seed: number): Generator<number> {
  let s = seed;
  for (;;) {
    s = (s * 48271) % 2147483647;
    yield s / 2147483647;
  }
}

/** Control: y = x + 1.5e; treatment: y = x + 1.5e + 5, x = 10 + 6z; true relative uplift 5/10 = 0.5. */
function covariateFrame(n: number, seed: number): Frame {
  const g = minstd(seed);
  const sum4 = () => g.next().value + g.next().value + g.next().value + g.next().value - 2;
  const branches: Record<string, Record<string, number[]>> = {};
  for (const [b, shift] of [['control', 0], ['treatment', 5]] as const) {
    const value: number[] = [];
    const valuePre: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = 10 + 6 * sum4();
      const e = sum4();
      valuePre.push(x);
      value.push(x + 1.5 * e + shift);
    }
    branches[b] = { value, value_pre: valuePre };
  }
  return frameOf(branches);
}

describe('linear_model_mean covariate adjustment', () => {
  const adjustment = { covariate_adjustment: { period: 'preenrollment_week' } };

  it('asks for the covariate only outside pre-enrollment periods and its own period', () => {
    const p = linearModelMean.params(adjustment, 'x');
    expect(linearModelMean.covariate?.(p, context)).toEqual({ period: 'preenrollment_week', metric: 'value' });
    expect(linearModelMean.covariate?.(p, { ...context, period: 'preenrollment_week' })).toBeUndefined();
    expect(linearModelMean.covariate?.(p, { ...context, period: 'preenrollment_days28' })).toBeUndefined();
    const other = linearModelMean.params({ covariate_adjustment: { period: 'preenrollment_days28', metric: 'other' } }, 'x');
    expect(linearModelMean.covariate?.(other, context)).toEqual({ period: 'preenrollment_days28', metric: 'other' });
    expect(linearModelMean.covariate?.(linearModelMean.params({}, 'x'), context)).toBeUndefined();
  });

  it.each(['overall', 'day', 'days28', 'week'])('rejects period %s with jetstream\'s text', (period) => {
    // jetstream test_linear_model_mean_covariate_bad_period
    expect(() => linearModelMean.params({ covariate_adjustment: { period } }, 'x')).toThrow(ConfigError);
    expect(() => linearModelMean.params({ covariate_adjustment: { period } }, 'x')).toThrow(
      "Covariate adjustment must be done using a pre-treatment analysis period (one of: ['preenrollment_week', 'preenrollment_days28'])",
    );
  });

  it('matches an explicit design-matrix OLS and grid delta method', () => {
    const frame = covariateFrame(200, 1);
    const adjusted = run(frame, adjustment).rows;
    const unadjusted = run(frame).rows;
    // numpy: X = [1, treatment dummy, clipped x], inv(X'X), t(397) for the coefficient; average
    // predictions over the 10,000 covariate quantiles, gradient Db/pb - Dr/pr, z = norm.ppf(0.975)
    // (numpy 2.4 + scipy 1.17 on the same MINSTD data, seed 1, drop_highest 0.005 pooled np.quantile clips)
    const d = find(adjusted, 'treatment', 'difference', 'control');
    const u = find(adjusted, 'treatment', 'relative_uplift', 'control');
    expectInterval(d, 5.09904926652, 4.93433355805, 5.26376497499, 9);
    expectInterval(u, 0.508608046425, 0.487790345792, 0.529717035856, 9);
    const du = find(unadjusted, 'treatment', 'difference', 'control');
    const uu = find(unadjusted, 'treatment', 'relative_uplift', 'control');
    expectInterval(du, 4.91500086293, 4.24370287788, 5.58629884798, 9);
    expectInterval(uu, 0.485788438949, 0.404336075887, 0.571965089567, 9);
    // per-branch rows are the clipped means with t(n-1) intervals, covariate or not (numpy/scipy)
    expectInterval(find(adjusted, 'control'), 10.11757478946707, 9.607046832193557, 10.628102746740584, 9);

    // jetstream test_linear_model_mean_covariate: closer to the truth (0.5), strictly narrower
    expect(Math.abs((u.point as number) - 0.5)).toBeLessThan(Math.abs((uu.point as number) - 0.5));
    expect(u.lower as number).toBeGreaterThan(uu.lower as number);
    expect(u.upper as number).toBeLessThan(uu.upper as number);
  });

  it('matches the design-matrix fit for any reference and three branches', () => {
    // numpy design-matrix fit as above: reference treatment, seed 1
    const two = run(covariateFrame(200, 1), adjustment).rows;
    expectInterval(find(two, 'control', 'difference', 'treatment'), -5.09904926652, -5.26376497499, -4.93433355805, 9);
    expectInterval(find(two, 'control', 'relative_uplift', 'treatment'), -0.337137301919, -0.346284328042, -0.327862287298, 9);
    // three branches: "other" = control's rows with x + 0.3u, y + 2u (u from MINSTD seed 99)
    const base = covariateFrame(100, 4);
    const g = minstd(99);
    const x = Float64Array.from(base.parts[0].columns.value_pre);
    const y = Float64Array.from(base.parts[0].columns.value);
    for (let i = 0; i < 100; i++) {
      x[i] += 0.3 * g.next().value;
      y[i] += 2 * g.next().value;
    }
    const three: Frame = { branches: [...base.branches, 'other'], parts: [...base.parts, { length: 100, columns: { value: y, value_pre: x } }] };
    const rows = run(three, adjustment).rows;
    expect(rows).toHaveLength(15);
    expectInterval(find(rows, 'control', 'difference', 'other'), -0.857752475016, -1.10674913995, -0.608755810085, 9);
    expectInterval(find(rows, 'control', 'relative_uplift', 'other'), -0.077185127743, -0.0984076144067, -0.0554630872371, 9);
    expectInterval(find(rows, 'treatment', 'difference', 'other'), 3.76528986769, 3.51622396931, 4.01435576607, 9);
    expectInterval(find(rows, 'treatment', 'relative_uplift', 'other'), 0.33882079958, 0.312704451465, 0.365456734293, 9);
  });

  it('gives a one-client branch its mean with null bounds', () => {
    // t quantile with n - 1 = 0 degrees of freedom is undefined (NaN, written as null)
    const { rows } = run(frameOf({ a: { value: [5] }, b: { value: [1, 2, 3] } }), { drop_highest: 0 });
    expect(find(rows, 'a').point).toBe(5);
    expect(find(rows, 'a').lower).toBeNaN();
  });

  it('drops clients with a null covariate', () => {
    const frame = covariateFrame(50, 3);
    const part = frame.parts[0];
    const pre = Float64Array.from(part.columns.value_pre);
    pre[0] = Number.NaN;
    const withNull: Frame = { branches: frame.branches, parts: [{ length: part.length, columns: { ...part.columns, value_pre: pre } }, frame.parts[1]] };
    const { rows } = run(withNull, adjustment);
    const kept = Array.from(part.columns.value).slice(1);
    // mean of the control rows with a covariate (no clipping binds at the top for these rows: the
    // pooled 0.995 quantile is above all but the largest value, which is in treatment here)
    const clipped = find(rows, 'control').point as number;
    expect(clipped).toBeCloseTo(kept.reduce((a, b) => a + b, 0) / kept.length, 9);
  });

  it('runs unadjusted when the covariate column is absent (the engine warned)', () => {
    const frame = covariateFrame(50, 2);
    const bare: Frame = { branches: frame.branches, parts: frame.parts.map((p) => ({ length: p.length, columns: { value: p.columns.value } })) };
    expect(run(bare, adjustment).rows).toEqual(run(frame).rows);
  });

  it('falls back with a warning when the covariate is collinear with the branches', () => {
    const frame = frameOf({ control: { value: [1, 2, 3, 4], value_pre: [1, 1, 1, 1] }, treatment: { value: [2, 3, 4, 6], value_pre: [2, 2, 2, 2] } });
    const { rows, warnings } = run(frame, { ...adjustment, drop_highest: 0 });
    expect(warnings).toEqual(['Unexpectedly fell back to unadjusted inferences for value']);
    expect(rows).toEqual(run(frame, { drop_highest: 0 }).rows);
  });
});

describe('linear_model_mean split into parts', () => {
  const adjustment = { covariate_adjustment: { period: 'preenrollment_week' } };

  /** The parts run apart (each result cloned, as it crosses from a worker) and combined, as the engine does. */
  function runSplit(frame: Frame, raw: Record<string, unknown>) {
    const split = linearModelMean.frameSplit!;
    const params = linearModelMean.params(raw, 'linear_model_mean');
    const warnings: string[] = [];
    const errors: string[] = [];
    const report: Reporter = { warn: (m) => warnings.push(m), error: (m) => errors.push(m) };
    const names = split.parts(params, context);
    const results = names.map((name) => structuredClone(split.part({ frame, seed: 1, context, report }, params, name)));
    return { names, rows: split.combine(results, params, context, report), warnings, errors };
  }

  it('gives analyze\'s rows and problems bit for bit, covariate or not', () => {
    const base = covariateFrame(300, 5);
    const pre = Float64Array.from(base.parts[1].columns.value_pre);
    pre[3] = Number.NaN;
    const nullCovariate: Frame = { branches: base.branches, parts: [base.parts[0], { length: pre.length, columns: { ...base.parts[1].columns, value_pre: pre } }] };
    const counts = frameOf({
      control: { value: range(0, 400).map((i) => (i * 7) % 23), value_pre: range(0, 400).map((i) => (i * 5) % 17) },
      treatment: { value: range(0, 400).map((i) => (i * 11) % 29), value_pre: range(0, 400).map((i) => (i * 3) % 19) },
    });
    const zeroReference = frameOf({ control: { value: [0, 0, 0], value_pre: [1, 2, 3] }, treatment: { value: [1, 2, 3], value_pre: [1, 2, 4] } });
    const collinear = frameOf({ control: { value: [1, 2, 3, 4], value_pre: [1, 1, 1, 1] }, treatment: { value: [2, 3, 4, 6], value_pre: [2, 2, 2, 2] } });
    const cases: [Frame, Record<string, unknown>][] = [
      [covariateFrame(200, 1), adjustment],
      [nullCovariate, adjustment],
      [counts, adjustment],
      [zeroReference, adjustment],
      [collinear, { ...adjustment, drop_highest: 0 }],
      [covariateFrame(200, 1), {}],
    ];
    for (const [frame, raw] of cases) {
      const split = runSplit(frame, raw);
      expect(split.names).toEqual(raw === adjustment || 'covariate_adjustment' in raw ? ['fit', 'grid'] : ['fit']);
      expect({ rows: split.rows, warnings: split.warnings, errors: split.errors }).toEqual(run(frame, raw));
    }
    // the cases reach the guard and the fallback
    expect(runSplit(zeroReference, adjustment).errors).toHaveLength(1);
    expect(runSplit(collinear, { ...adjustment, drop_highest: 0 }).warnings).toHaveLength(1);
  });

  it('fails a null target in the fit part with analyze\'s message; the grid part reads no target', () => {
    const base = covariateFrame(300, 5);
    const value = Float64Array.from(base.parts[1].columns.value);
    value[7] = Number.NaN;
    const frame: Frame = { branches: base.branches, parts: [base.parts[0], { length: value.length, columns: { ...base.parts[1].columns, value } }] };
    const split = linearModelMean.frameSplit!;
    const params = linearModelMean.params(adjustment, 'linear_model_mean');
    const input = { frame, seed: 1, context, report: { warn: () => {}, error: () => {} } };
    const message = /^linear_model_mean: metric value has null values in branch "treatment"; add a remove_nulls or zero_fill pretreatment$/;
    expect(() => split.part(input, params, 'fit')).toThrow(message);
    expect(() => linearModelMean.analyze(input, params)).toThrow(message);
    // the grid of every row's covariate, as if no target were null: its result is not read
    const whole: Frame = { branches: base.branches, parts: base.parts };
    expect(split.part(input, params, 'grid')).toEqual(split.part({ ...input, frame: whole }, params, 'grid'));
  });
});

describe.each(SORT_IMPLEMENTATIONS)('covariateClipAndGridMean, its order statistics %s', (_, flag) => {
  useNativeSort(flag);

  /**
   * The reference written from mozanalysis: pooled covariate of the rows whose covariate (and
   * target: always present here) is present, clipped at its (1 - drop_highest) quantile (ceiling
   * for integer columns), then np.quantile(clipped, np.arange(0, 1, 0.0001)).mean(), by a sort.
   */
  function reference(covariate: Float64Array[], dropHighest: number, integral: boolean) {
    const kept: number[] = [];
    covariate.forEach((x) => x.forEach((v) => v === v && kept.push(v)));
    const sorted = Float64Array.from(kept).sort();
    let clip = Number.POSITIVE_INFINITY;
    if (dropHighest > 0) clip = integral ? Math.ceil(quantileSorted(sorted, 1 - dropHighest)) : quantileSorted(sorted, 1 - dropHighest);
    const clipped = sorted.map((v) => Math.min(v, clip));
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += quantileSorted(clipped, i * 0.0001);
    return { clip, gridMean: sum / 10_000 };
  }

  it('equals the sorted reference bit for bit for counts and continuous covariates, with nulls', () => {
    const rng = createRng(4);
    const counts = [0, 1].map(() => Float64Array.from({ length: 20_000 }, (_, i) => (i % 13 === 5 ? Number.NaN : Math.floor(-Math.log(1 - rng.nextFloat()) * 3))));
    const wide = [0, 1].map(() => Float64Array.from({ length: 5_000 }, () => Math.floor(rng.nextFloat() * 70_000)));
    const continuous = [0, 1].map(() => Float64Array.from({ length: 20_000 }, (_, i) => (i % 17 === 3 ? Number.NaN : Math.exp(2 * rng.nextFloat()))));
    const small = [Float64Array.of(3, 1, Number.NaN, 2), Float64Array.of(7)];
    for (const [covariate, integral] of [[counts, true], [wide, true], [continuous, false], [small, true]] as const) {
      for (const dropHighest of [0, 0.005, 0.2]) {
        expect(covariateClipAndGridMean(covariate, dropHighest)).toEqual(reference(covariate, dropHighest, integral));
      }
    }
  });

  it('gives no clip and no grid without a non-null covariate', () => {
    expect(covariateClipAndGridMean([Float64Array.of(Number.NaN)], 0.005)).toEqual({ clip: Number.NaN, gridMean: Number.NaN });
    expect(covariateClipAndGridMean([new Float64Array(0)], 0)).toEqual({ clip: Number.POSITIVE_INFINITY, gridMean: Number.NaN });
  });
});
