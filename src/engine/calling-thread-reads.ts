/**
 * The turn to read a Parquet table on the calling thread (src/engine/partition-table.ts). Such a
 * read borrows its batches from parquet-wasm (ParquetReader's `borrow`: views of its memory, valid
 * while nothing else on the thread makes that memory grow), so one read at a time holds the turn,
 * and a window hands it out only once every footer it needs is read (src/engine/read-partitions.ts).
 * A large table takes the turn when it is free and otherwise gets a thread of its own; a small one
 * waits for it. So a window of two large tables reads one here and starts one thread, not two.
 */
export class CallingThreadReads {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  /** Takes the turn if no read holds it; whether it did. */
  tryTake(): boolean {
    if (this.#held) return false;
    this.#held = true;
    return true;
  }

  /** Takes the turn once the reads that hold it or waited first have released it. */
  async take(): Promise<void> {
    if (this.tryTake()) return;
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  /** Gives the turn to the longest-waiting read, or frees it. */
  release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#held = false;
    else next();
  }
}
