/**
 * The bootstrap kernels this machine runs, as the `lanes` option of ExponentialSums and
 * SharedExponentialSums: 0 (WebAssembly) everywhere, then each native width up to the widest the CPU
 * runs (test/kernels/native-kernel.test.ts requires the native ones on CPUs that have them).
 */
import { kernelName, nativeKernel, type NativeLanes } from '../../src/kernels/native-kernel.js';

export const KERNEL_LANES: readonly { readonly lanes: 0 | NativeLanes; readonly name: string }[] = [
  { lanes: 0, name: kernelName(undefined) },
  ...([8, 16] as const).filter((lanes) => (nativeKernel()?.lanes ?? 0) >= lanes).map((lanes) => ({ lanes, name: kernelName(lanes) })),
];
