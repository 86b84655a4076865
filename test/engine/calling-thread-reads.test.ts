import { describe, expect, it } from 'vitest';
import { CallingThreadReads } from '../../src/engine/calling-thread-reads.js';

describe('CallingThreadReads', () => {
  it('lets one read hold the turn, gives it to waiting reads in the order they asked, then frees it', async () => {
    const turn = new CallingThreadReads();
    expect(turn.tryTake()).toBe(true);
    expect(turn.tryTake()).toBe(false);
    const order: string[] = [];
    const first = turn.take().then(() => order.push('first'));
    const second = turn.take().then(() => order.push('second'));
    await Promise.resolve();
    expect(order).toEqual([]);
    turn.release();
    await first;
    expect(order).toEqual(['first']);
    expect(turn.tryTake()).toBe(false);
    turn.release();
    await second;
    expect(order).toEqual(['first', 'second']);
    turn.release();
    expect(turn.tryTake()).toBe(true);
  });
});
