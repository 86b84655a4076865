/** Members (client positions and values) for the tests of the shared-weight bootstrap and its plan. */

/** Members of a universe of n clients: all, every third, and a block crossing the kernel's 512-draw buffers. */
export function members(n: number, value: (p: number) => number) {
  const pick = (keep: (p: number) => boolean) => {
    const positions = Int32Array.from({ length: n }, (_, p) => p).filter(keep);
    return { positions, values: Float64Array.from(positions, value) };
  };
  return [pick(() => true), pick((p) => p % 3 === 1), pick((p) => p >= 500 && p < 1700)];
}

/**
 * The shapes the plan (shared-sums-plan.ts) treats apart, in a universe of n + 300 clients: clients
 * no member holds (every 7th, and the last 300), segments of one metric whose top is clipped at
 * different thresholds, a segment too small for an atom of its own, and a second metric.
 */
export function mixedMembers(n: number) {
  const value = (p: number) => Math.exp(6 * Math.sin(p * 12.9898));
  const pick = (keep: (p: number) => boolean, f: (p: number) => number) => {
    const positions = Int32Array.from({ length: n }, (_, p) => p).filter((p) => p % 7 !== 3 && keep(p));
    return { positions, values: Float64Array.from(positions, f) };
  };
  return [
    pick(() => true, (p) => Math.min(value(p), 400)),
    pick((p) => p % 3 === 1, (p) => Math.min(value(p), 390)),
    pick((p) => p >= 500 && p < 1700, (p) => Math.min(value(p), 400)),
    pick((p) => p >= 40 && p < 60, (p) => Math.min(value(p), 400)),
    pick((p) => p % 2 === 0, (p) => (p * 7919) % 23),
  ];
}
