/**
 * Runs a describe block with the C sorts and scans (addon contrail_sorts) or their TypeScript
 * counterparts: CONTRAIL_NATIVE_SORT set for the block's tests, removed after them; or one call
 * each way.
 */
import { afterAll, beforeAll } from 'vitest';

/** The two ways to run a block: [label, CONTRAIL_NATIVE_SORT]. */
export const SORT_IMPLEMENTATIONS = [
  ['in C', '1'],
  ['in TypeScript', '0'],
] as const;

export function useNativeSort(flag: string): void {
  beforeAll(() => {
    process.env.CONTRAIL_NATIVE_SORT = flag;
  });
  afterAll(() => {
    delete process.env.CONTRAIL_NATIVE_SORT;
  });
}

/** run() with the TypeScript counterparts (CONTRAIL_NATIVE_SORT=0), then with the addon where built. */
export function typescriptThenNative<T>(run: () => T): [typescript: T, native: T] {
  process.env.CONTRAIL_NATIVE_SORT = '0';
  let typescript: T;
  try {
    typescript = run();
  } finally {
    delete process.env.CONTRAIL_NATIVE_SORT;
  }
  return [typescript, run()];
}
