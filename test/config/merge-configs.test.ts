import { describe, expect, it } from 'vitest';
import { mergeConfigs } from '../../src/config/merge-configs.js';

describe('mergeConfigs', () => {
  it('concatenates period lists in order and de-duplicates by name', () => {
    const merged = mergeConfigs(
      { metrics: { weekly: ['a', 'b'], overall: ['a'] } },
      { metrics: { weekly: ['c', 'a'], daily: ['d'] } },
    );
    expect(merged.metrics).toEqual({ weekly: ['a', 'b', 'c'], overall: ['a'], daily: ['d'] });
  });

  it('merges metric definitions field by field, a later statistics table replacing the earlier one', () => {
    // metric-config-parser MetricDefinition.merge: setattr(self, key, getattr(other, key) or getattr(self, key))
    const base = {
      metrics: {
        a: {
          friendly_name: 'A',
          description: 'base',
          statistics: { bootstrap_mean: { num_samples: 10, drop_highest: 0 }, deciles: {} },
        },
      },
    };
    const override = {
      metrics: { a: { description: 'override', statistics: { bootstrap_mean: { num_samples: 20 }, binomial: {} } } },
    };
    const before = JSON.stringify(base);
    expect(mergeConfigs(base, override).metrics).toEqual({
      a: {
        friendly_name: 'A',
        description: 'override',
        // the statistics table is replaced whole: the base's deciles and drop_highest are gone
        statistics: { bootstrap_mean: { num_samples: 20 }, binomial: {} },
      },
    });
    expect(JSON.stringify(base)).toBe(before);
  });

  it('keeps the earlier statistics when the later metric gives none or an empty table', () => {
    const base = { metrics: { a: { statistics: { deciles: {} } }, b: { statistics: { sum: {} } } } };
    const override = { metrics: { a: { friendly_name: 'A' }, b: { statistics: {} } } };
    expect(mergeConfigs(base, override).metrics).toEqual({
      a: { friendly_name: 'A', statistics: { deciles: {} } },
      b: { statistics: { sum: {} } },
    });
  });

  it('lets later [experiment] fields win and keeps the others', () => {
    const merged = mergeConfigs(
      { experiment: { reference_branch: 'control', enrollment_period: 7 } },
      { experiment: { reference_branch: 'treatment', segments: ['s'] } },
    );
    expect(merged.experiment).toEqual({ reference_branch: 'treatment', enrollment_period: 7, segments: ['s'] });
  });

  it('merges segments and segment data sources by name', () => {
    const merged = mergeConfigs(
      { segments: { s: { friendly_name: 'S', description: 'd' }, data_sources: { ds: { window_start: 0 } } } },
      { segments: { s: { description: 'new' }, t: {}, data_sources: { ds: { window_end: 1 }, other: {} } } },
    );
    expect(merged.segments).toEqual({
      s: { friendly_name: 'S', description: 'new' },
      t: {},
      data_sources: { ds: { window_start: 0, window_end: 1 }, other: {} },
    });
  });

  it('keeps sections only one side has', () => {
    expect(mergeConfigs({ data_sources: { x: { a: 1 } } }, { parameters: { p: { value: 1 } } })).toEqual({
      data_sources: { x: { a: 1 } },
      parameters: { p: { value: 1 } },
    });
  });
});
