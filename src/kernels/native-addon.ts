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

/**
 * The addon at `path` if it loads and was built from the sources this code calls (its `abi` export
 * is `abi`: a checkout updated without `npm ci` keeps the old build); else null and why (for
 * messages: which counterpart runs instead).
 */
export function loadAddon<T>(path: string, abi: number): { addon: T | null; problem: string } {
  if (!existsSync(path)) return { addon: null, problem: `${path} is not built (npm ci runs node-gyp; npm run build:native)` };
  let addon: T & { abi?: unknown };
  try {
    addon = createRequire(import.meta.url)(path) as T & { abi?: unknown };
  } catch (error) {
    return { addon: null, problem: `${path} does not load (${(error as Error).message.split('\n')[0]}); rebuild it with npm run build:native` };
  }
  if (addon.abi !== abi) return { addon: null, problem: `${path} was built from other sources (abi ${String(addon.abi)}, not ${abi}); rebuild it with npm run build:native` };
  return { addon, problem: '' };
}

/**
 * One addon, loaded on first use and switched off by `variable`=0 (read at each call: tests turn it
 * off and on).
 */
export class NativeAddon<T> {
  #loaded: { addon: T | null; problem: string } | undefined;

  /** `abi`: the version of the addon's exports this code calls (its C source's `abi`). */
  constructor(
    private readonly name: string,
    private readonly variable: string,
    private readonly abi: number,
  ) {}

  get(): T | null {
    if (process.env[this.variable] === '0') return null;
    this.#loaded ??= loadAddon<T>(addonPath(this.name), this.abi);
    return this.#loaded.addon;
  }

  /** Why it is not used ('' when it is). */
  problem(): string {
    if (process.env[this.variable] === '0') return `${this.variable}=0`;
    this.#loaded ??= loadAddon<T>(addonPath(this.name), this.abi);
    return this.#loaded.problem;
  }
}
