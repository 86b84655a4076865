import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/params.js';
import count from '../../src/statistics/count.js';
import { buildStatisticRegistry, getStatistic, statisticNames } from '../../src/statistics/registry.js';
import sum from '../../src/statistics/sum.js';

describe('statistics registry', () => {
  it('knows the statistics of this issue by their Jetstream names, sorted', () => {
    const names = statisticNames();
    for (const name of ['binomial', 'bootstrap_mean', 'count', 'deciles', 'sum']) expect(names).toContain(name);
    expect(names).toEqual([...names].sort());
    expect(getStatistic('bootstrap_mean').label).toBe('mean');
    expect(getStatistic('count').name).toBe('count');
  });

  it('answers an unknown name with a ConfigError listing the known ones', () => {
    expect(() => getStatistic('bootstrap_means')).toThrow(ConfigError);
    expect(() => getStatistic('bootstrap_means')).toThrow(
      /^unknown statistic "bootstrap_means"; known: binomial, bootstrap_mean, count, deciles/,
    );
  });

  it('refuses two definitions with one name', () => {
    expect(() => buildStatisticRegistry([count, sum, count])).toThrow(/duplicate name "count"/);
  });
});
