import { describe, it, expect } from 'vitest';
import { branchPlan } from '../../src/report/branch-ratios.js';

describe('branchPlan', () => {
  it('reads branch slugs, ratios (default 1) and the reference branch', () => {
    const plan = branchPlan({ slug: 'x', referenceBranch: 'control', branches: [{ slug: 'control', ratio: 2 }, { slug: 'treatment' }] }, 'x.json');
    expect(plan).toEqual({ branches: [{ branch: 'control', ratio: 2 }, { branch: 'treatment', ratio: 1 }], referenceBranch: 'control' });
  });

  it('accepts a one-experiment array, as the Experimenter API list endpoint returns', () => {
    expect(branchPlan([{ branches: [{ slug: 'a', ratio: 1 }] }], 'x.json').referenceBranch).toBeNull();
  });

  it('refuses missing branches, bad slugs and bad ratios, naming the field', () => {
    expect(() => branchPlan({ slug: 'x' }, 'x.json')).toThrow(/x.json must be an Experimenter v8 experiment with a non-empty branches array/);
    expect(() => branchPlan({ branches: [{ ratio: 1 }] }, 'x.json')).toThrow(/x.json branches\[0\].slug must be a non-empty string/);
    expect(() => branchPlan({ branches: [{ slug: 'a', ratio: -1 }] }, 'x.json')).toThrow(/x.json branches\[0\].ratio must be a non-negative number, got -1/);
  });
});
