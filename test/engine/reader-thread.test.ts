import { describe, expect, it } from 'vitest';
import { discardReaderThread, readerThread, startReaderThread } from '../../src/engine/reader-thread.js';

describe('reader threads', () => {
  it('hands the thread started ahead to the first table, then new ones, and discards one no table took', async () => {
    startReaderThread();
    const ahead = readerThread();
    const next = readerThread();
    expect(next).not.toBe(ahead);
    // taken: nothing to discard
    expect(await discardReaderThread()).toBe(false);
    // started twice: one thread, discarded at the end
    startReaderThread();
    startReaderThread();
    expect(await discardReaderThread()).toBe(true);
    expect(await discardReaderThread()).toBe(false);
    await Promise.all([ahead.destroy(), next.destroy()]);
  });
});
