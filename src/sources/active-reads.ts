/**
 * The Parquet files being decoded right now. parquet-wasm 0.8 decodes pages inside a WebAssembly
 * future: a corrupt data page (with an intact footer) panics there, outside any promise we hold, and
 * surfaces as an uncaught `RuntimeError: unreachable`. The CLI uses this list to turn that crash
 * into a message naming the file and the fix instead of a WebAssembly stack trace.
 */
const active = new Set<string>();

export function beginRead(path: string): void {
  active.add(path);
}

export function endRead(path: string): void {
  active.delete(path);
}

/** The files being read, for an error message. */
export function activeReads(): string[] {
  return [...active];
}

/** Whether `error` is the WebAssembly trap a corrupt Parquet page causes. */
export function isWasmTrap(error: unknown): boolean {
  return error instanceof Error && error.name === 'RuntimeError' && /unreachable|out of bounds/.test(error.message);
}

/** The message for a corrupt data page met while reading `files`. */
export function corruptPageMessage(files: readonly string[], error: Error): string {
  const what = files.length > 0 ? files.join(', ') : 'a Parquet file';
  return `${what} could not be decoded (a corrupt data page: ${error.message}); re-export or regenerate the file`;
}
