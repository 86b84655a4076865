/**
 * The Node-API addons node-gyp builds at `npm ci` (package.json's install script, binding.gyp) into
 * build/Release: contrail_kernels (the bootstrap kernels), contrail_sorts (the radix sorts) and
 * contrail_parquet (the Parquet page decoder). Each has a TypeScript or WebAssembly counterpart with the
 * same results, which runs where the addon is missing (no compiler at install), does not load (built
 * for another platform), or its CONTRAIL_NATIVE_* variable is 0.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../config/package-root.js';

/** Where node-gyp writes the addon `name`. */
export function addonPath(name: string): string {
  return join(packageRoot(), 'build', 'Release', `${name}.node`);
}

/** The addon at `path` if it loads; else null and why (for messages: which counterpart runs instead). */
export function loadAddon<T>(path: string): { addon: T | null; problem: string } {
  if (!existsSync(path)) return { addon: null, problem: `${path} is not built (npm ci runs node-gyp; npm run build:native)` };
  try {
    return { addon: createRequire(import.meta.url)(path) as T, problem: '' };
  } catch (error) {
    return { addon: null, problem: `${path} does not load (${(error as Error).message.split('\n')[0]}); rebuild it with npm run build:native` };
  }
}

/**
 * One addon, loaded on first use and switched off by `variable`=0 (read at each call: tests turn it
 * off and on).
 */
export class NativeAddon<T> {
  #loaded: { addon: T | null; problem: string } | undefined;

  constructor(
    private readonly name: string,
    private readonly variable: string,
  ) {}

  get(): T | null {
    if (process.env[this.variable] === '0') return null;
    this.#loaded ??= loadAddon<T>(addonPath(this.name));
    return this.#loaded.addon;
  }

  /** Why it is not used ('' when it is). */
  problem(): string {
    if (process.env[this.variable] === '0') return `${this.variable}=0`;
    this.#loaded ??= loadAddon<T>(addonPath(this.name));
    return this.#loaded.problem;
  }
}
