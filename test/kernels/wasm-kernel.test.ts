import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNEL_DATA_START, KernelClaim, wasmPath } from '../../src/kernels/wasm-kernel.js';

describe('KernelClaim', () => {
  it('loads the module built by npm run build:wasm and grows its memory to the claim', () => {
    expect(existsSync(wasmPath())).toBe(true);
    const claim = new KernelClaim(KERNEL_DATA_START + 3 * 65_536 + 1, 'test');
    expect(claim.buffer().byteLength).toBeGreaterThanOrEqual(KERNEL_DATA_START + 3 * 65_536 + 1);
  });

  it('refuses a claim beyond the 2 GiB its i32 addresses reach, saying what to change', () => {
    expect(() => new KernelClaim(2 ** 31, 'SharedExponentialSums')).toThrow(
      'SharedExponentialSums: needs 2147483648 bytes of WebAssembly memory, above the kernel\'s 2 GiB; give fewer bootstrap_mean summaries of the window the same num_samples, or use method = "exact"',
    );
  });

  it('makes an earlier claim refuse its memory once a later one takes it', () => {
    const first = new KernelClaim(KERNEL_DATA_START + 16, 'first');
    new KernelClaim(KERNEL_DATA_START + 16, 'second');
    expect(() => first.buffer()).toThrow('first: another kernel user was created on this thread since; kernel memory holds its data');
  });
});
