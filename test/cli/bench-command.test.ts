import { describe, expect, it, vi } from 'vitest';
import { benchCommand } from '../../src/cli/bench-command.js';

describe('contrail bench', () => {
  it('prints one JSON row per case of the selected suites, with throughput = rows x replicates / seconds', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const code = await benchCommand(['--sizes', '2k', '--suite', 'binomial,bootstrap_mean 0/1', '--iterations', '1', '--json']);
      expect(code).toBe(0);
      const rows = JSON.parse(String(log.mock.calls.at(-1)![0])) as { suite: string; variant: string; rows: number; replicates: number; ms: number; throughput: number }[];
      expect(rows.map((r) => `${r.suite}/${r.variant}`)).toEqual(['bootstrap_mean 0/1/contrail', 'bootstrap_mean 0/1/naive', 'binomial/contrail', 'binomial/naive']);
      for (const r of rows) {
        expect(r.rows).toBe(2000);
        // the definition of the throughput column
        expect(r.throughput).toBeCloseTo((r.rows * r.replicates) / (r.ms / 1000), 6);
      }
    } finally {
      log.mockRestore();
    }
  });

  it('refuses an unknown option and a bad size, naming the value', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await benchCommand(['--fast'])).toBe(2);
      expect(String(error.mock.calls[0][0])).toMatch(/unknown option "--fast"/);
    } finally {
      error.mockRestore();
    }
    await expect(benchCommand(['--sizes', 'ten'])).rejects.toThrow(/size must look like 10k, 1m or 100000, got "ten"/);
  });
});
