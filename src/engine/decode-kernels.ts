/**
 * The WebAssembly kernels of column decoding (src/kernels/wasm/decode-columns.as.ts, built by
 * `npm run build:wasm`): one instance per thread, whose memory holds one chunk at a time. A caller
 * copies its chunk in (the Arrow buffers live in parquet-wasm's memory or the JavaScript heap, which
 * the kernels cannot read), runs a kernel, and copies the results out.
 */
import { align16, growMemory, instantiateBuiltWasm, WASM_PAGE } from '../kernels/wasm-kernel.js';

export interface DecodeKernels {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  idHashes(offsets: number, bytes: number, n: number, out: number): void;
  matchBranchNames(offsets: number, bytes: number, n: number, names: number, nulls: number, nullBit: number, out: number): number;
}

/** Where chunks start: past the module's own data (its constants, in page 0). */
const DATA_START = WASM_PAGE;

let kernels: DecodeKernels | null = null;

/** A chunk of UTF-8 strings copied into kernel memory: the addresses the kernels take. */
export interface StagedStrings {
  readonly kernels: DecodeKernels;
  /** n + 1 offsets, as Arrow holds them (into the chunk's bytes buffer). */
  readonly offsetsAt: number;
  /** Where byte 0 of the Arrow bytes buffer would be (the copy starts at offsets[0]); may be negative. */
  readonly bytesBase: number;
  /** The first free address past the strings and their 16 bytes of padding, 16-aligned. */
  readonly end: number;
}

/**
 * Copies strings [0, n) of a chunk (Arrow `valueOffsets`, n + 1 of them, and `values`) into the
 * thread's kernel memory, then 16 zero bytes (a kernel may read a word past the last string), with
 * room for `extra` more bytes after them. `user` is named if the memory cannot hold them.
 */
export function stageStrings(offsets: Int32Array, bytes: Uint8Array, n: number, extra: number, user: string): StagedStrings {
  const k = instance(user);
  const first = offsets[0];
  const length = offsets[n] - first;
  const offsetsAt = DATA_START;
  const bytesAt = align16(offsetsAt + 4 * (n + 1));
  const end = align16(bytesAt + length + 16);
  const buffer = kernelMemory(end + extra, user);
  new Int32Array(buffer, offsetsAt, n + 1).set(offsets.subarray(0, n + 1));
  const copy = new Uint8Array(buffer, bytesAt, length + 16);
  copy.set(bytes.subarray(first, first + length));
  copy.fill(0, length);
  return { kernels: k, offsetsAt, bytesBase: bytesAt - first, end };
}

/** The kernel memory, grown to hold `end` bytes. */
export function kernelMemory(end: number, user: string): ArrayBuffer {
  const { memory } = instance(user);
  // a batch of Parquet rows is far below the limit
  growMemory(memory, end, user, 'read with a smaller --batch-size');
  return memory.buffer;
}

function instance(user: string): DecodeKernels {
  kernels ??= instantiateBuiltWasm('decode-columns', user) as DecodeKernels;
  return kernels;
}
