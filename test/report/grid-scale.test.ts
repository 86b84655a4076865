import { describe, it, expect } from 'vitest';
import { isGeometricGrid } from '../../src/report/grid-scale.js';

describe('isGeometricGrid', () => {
  it('recognises a geometric grid written with 6-decimal parameters', () => {
    // [round(v, 6) for v in numpy.geomspace(0.5, 500, 16)]
    const grid = [0.5, 0.792447, 1.255943, 1.990536, 3.154787, 5.0, 7.924466, 12.559432, 19.905359, 31.547867, 50.0, 79.24466, 125.594322, 199.053585, 315.478672, 500.0];
    expect(isGeometricGrid(grid)).toBe(true);
    // Jetstream's extra parameter = 0 row of a geometric grid is ignored, as are repeated points.
    expect(isGeometricGrid([0, ...grid, ...grid])).toBe(true);
  });

  it('a linear grid is not geometric', () => {
    // numpy.linspace(0, 10, 11)
    expect(isGeometricGrid([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(false);
    expect(isGeometricGrid([1000, 1001, 1002, 1003, 1004])).toBe(false);
  });

  it('too few positive points is not geometric', () => {
    expect(isGeometricGrid([0, 1, 10])).toBe(false);
    expect(isGeometricGrid([])).toBe(false);
  });
});
