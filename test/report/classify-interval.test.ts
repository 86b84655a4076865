import { describe, it, expect } from 'vitest';
import { classifyInterval } from '../../src/report/classify-interval.js';

describe('classifyInterval', () => {
  it('an interval above 0 is better when bigger is better, worse otherwise', () => {
    expect(classifyInterval(0.01, 0.05, true)).toBe('better');
    expect(classifyInterval(0.01, 0.05, false)).toBe('worse');
  });

  it('an interval below 0 is worse when bigger is better, better otherwise', () => {
    expect(classifyInterval(-0.05, -0.01, true)).toBe('worse');
    expect(classifyInterval(-0.05, -0.01, false)).toBe('better');
  });

  it('an interval spanning or touching 0 is inconclusive', () => {
    expect(classifyInterval(-0.01, 0.05, true)).toBe('inconclusive');
    expect(classifyInterval(0, 0.05, true)).toBe('inconclusive');
    expect(classifyInterval(-0.05, 0, false)).toBe('inconclusive');
  });

  it('a missing or NaN bound is inconclusive', () => {
    expect(classifyInterval(null, 0.05, true)).toBe('inconclusive');
    expect(classifyInterval(0.01, null, true)).toBe('inconclusive');
    expect(classifyInterval(Number.NaN, 0.05, true)).toBe('inconclusive');
  });
});
