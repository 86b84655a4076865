/**
 * Merges several async iterators into one, yielding each value as soon as any source produces it
 * (arrival order, not round-robin). Each source has at most one pending `next()`, so a slow consumer
 * applies backpressure to every source. When one source throws, the others are closed through
 * `return()` and the error is rethrown; when the consumer stops early, every source is closed.
 * `onClose` runs first on either path: it must unblock sources waiting on I/O (e.g. cancel their
 * calls), because an async generator's `return()` waits for its pending `next()`.
 * Reference: the usual `Promise.race` merge of async iterables (e.g. IxJS `merge`).
 */
export async function* mergeAsync<T>(
  sources: readonly AsyncIterator<T>[],
  onClose?: () => void,
): AsyncGenerator<T> {
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number): void => {
    pending.set(index, sources[index].next().then(result => ({ index, result })));
  };
  sources.forEach((_, index) => pull(index));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done === true) {
        pending.delete(index);
      } else {
        pull(index);
        yield result.value;
      }
    }
  } finally {
    // Close whatever is still open (error or early exit); their own errors are secondary.
    onClose?.();
    for (const index of pending.keys()) pending.get(index)?.catch(() => undefined);
    await Promise.allSettled([...pending.keys()].map(index => sources[index].return?.()));
  }
}
