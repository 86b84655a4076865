import { describe, expect, it } from 'vitest';
import { GEOMETRIC_REFUSED, makeGridSorted } from '../../src/kernels/make-grid.js';

describe('makeGridSorted', () => {
  it('is numpy linspace by default, 256 points from min to max', () => {
    const g = makeGridSorted(Float64Array.of(-3, 0, 7.3), 256, false);
    expect(g.points).toHaveLength(256);
    expect(g.geometric).toBe(false);
    expect(g.message).toBeUndefined();
    // np.linspace(-3.0, 7.3, 256)[[0, 1, 100, 254, 255]]
    expect(g.points[0]).toBe(-3);
    expect(g.points[1]).toBe(-2.959607843137255);
    expect(g.points[100]).toBe(1.0392156862745106);
    expect(g.points[254]).toBe(7.259607843137257);
    expect(g.points[255]).toBe(7.3);
  });

  it('is numpy geomspace when asked, with exact ends', () => {
    const g = makeGridSorted(Float64Array.of(0.5, 2, 37), 256, true);
    expect(g.geometric).toBe(true);
    // np.geomspace(0.5, 37.0, 256)[[1, 100, 254]] (pow may differ from numpy in the last bit)
    expect(g.points[0]).toBe(0.5);
    expect(g.points[1]).toBeCloseTo(0.508510968246462, 14);
    expect(g.points[100]).toBeCloseTo(2.703971135659729, 13);
    expect(g.points[254]).toBeCloseTo(36.38072953233436, 12);
    expect(g.points[255]).toBe(37);
  });

  it('starts a geometric grid at the second-smallest distinct value when the minimum is 0', () => {
    // jetstream test_make_grid_* (geometric with zero): geometric, min > 0
    const g = makeGridSorted(Float64Array.of(0, 0, 0, 2, 3, 100), 256, true);
    expect(g.geometric).toBe(true);
    expect(g.points[0]).toBe(2);
    expect(Math.min(...g.points)).toBeGreaterThan(0);
  });

  it('falls back to linear for negative or all-zero values, with jetstream\'s message', () => {
    // jetstream _make_grid: "Refusing to create a geometric grid for a series with negative or all-zero values"
    for (const values of [Float64Array.of(-1, 0, 5), Float64Array.of(0, 0), Float64Array.of(-4, -2)]) {
      const g = makeGridSorted(values, 256, true);
      expect(g.geometric).toBe(false);
      expect(g.message).toBe(GEOMETRIC_REFUSED);
      expect(g.points[0]).toBe(values[0]);
      expect(g.points).toHaveLength(256);
    }
    expect(GEOMETRIC_REFUSED).toBe('Refusing to create a geometric grid for a series with negative or all-zero values');
  });

  it('keeps a linear grid starting at 0', () => {
    // jetstream test_make_grid_*: linear min 0
    expect(makeGridSorted(Float64Array.of(0, 1, 2), 256, false).points[0]).toBe(0);
  });
});
