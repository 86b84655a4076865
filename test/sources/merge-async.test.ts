import { describe, expect, it } from 'vitest';
import { mergeAsync } from '../../src/sources/merge-async.js';

/** A source yielding `values`, each after waiting for `gate(i)`; records whether it was closed. */
function source(values: number[], gate: (i: number) => Promise<void> = async () => undefined, failAt = -1) {
  const state = { closed: false };
  const iterator = (async function* () {
    try {
      for (const [i, value] of values.entries()) {
        await gate(i);
        if (i === failAt) throw new Error(`source failed at ${i}`);
        yield value;
      }
    } finally {
      state.closed = true;
    }
  })();
  return { iterator, state };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('mergeAsync', () => {
  it('yields every value of every source exactly once', async () => {
    const a = source([1, 2, 3]);
    const b = source([10, 20]);
    const c = source([]);
    const merged = await collect(mergeAsync([a.iterator, b.iterator, c.iterator]));
    expect([...merged].sort((x, y) => x - y)).toEqual([1, 2, 3, 10, 20]);
  });

  it('yields in arrival order, not source order', async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>(resolve => (release = resolve));
    // The first source is held until the consumer has seen all of the second's values.
    const slow = source([1], () => blocked);
    const fast = source([10, 20]);
    const seen: number[] = [];
    for await (const value of mergeAsync([slow.iterator, fast.iterator])) {
      seen.push(value);
      if (value === 20) release();
    }
    expect(seen).toEqual([10, 20, 1]);
  });

  it('rethrows a source error, runs onClose and closes the other sources', async () => {
    let closes = 0;
    let release: () => void = () => undefined;
    const blocked = new Promise<void>(resolve => (release = resolve));
    const stuck = source([1, 2], i => (i === 1 ? blocked : Promise.resolve()));
    const failing = source([10, 20], async () => undefined, 1);
    await expect(collect(mergeAsync([stuck.iterator, failing.iterator], () => { closes += 1; release(); }))).rejects.toThrow(
      'source failed at 1',
    );
    expect(closes).toBe(1);
    expect(stuck.state.closed).toBe(true);
  });

  it('closes every source when the consumer stops early', async () => {
    const a = source([1, 2, 3]);
    const b = source([10, 20, 30]);
    for await (const value of mergeAsync([a.iterator, b.iterator])) {
      if (value > 0) break;
    }
    expect(a.state.closed && b.state.closed).toBe(true);
  });
});
