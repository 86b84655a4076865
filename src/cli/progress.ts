/**
 * A one-line progress counter on a terminal; silent when stderr is not a TTY (CI, pipes, tests).
 */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export function createProgress(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let shown = false;
  return {
    update(done, total) {
      shown = true;
      stream.write(`\r  summaries ${done}/${total}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}
