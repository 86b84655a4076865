/**
 * Loading the Node-API addons: one built from other sources than the TypeScript that calls it (a
 * checkout updated without `npm ci`) is passed over with the reason, and its counterpart runs.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addonPath, loadAddon, NativeAddon } from '../../src/kernels/native-addon.js';
import { tempDir } from '../support/temp-dir.js';

describe('loadAddon', () => {
  it('loads an addon built from these sources (abi 18), and passes over one of another abi, saying why', () => {
    const path = addonPath('contrail_sorts');
    expect(loadAddon(path, 18).problem).toBe('');
    expect(loadAddon(path, 18).addon).not.toBeNull();
    expect(loadAddon(path, 1)).toEqual({ addon: null, problem: `${path} was built from other sources (abi 18, not 1); rebuild it with npm run build:native` });
  });

  it('passes over a missing addon, saying why', () => {
    const missing = join(tempDir('native-addon'), 'missing.node');
    expect(loadAddon(missing, 1)).toEqual({ addon: null, problem: `${missing} is not built (npm ci runs node-gyp; npm run build:native)` });
  });

  it('is switched off by its variable, read at each call', () => {
    const addon = new NativeAddon('contrail_sorts', 'CONTRAIL_TEST_ADDON', 18);
    expect(addon.get()).not.toBeNull();
    process.env.CONTRAIL_TEST_ADDON = '0';
    try {
      expect(addon.get()).toBeNull();
      expect(addon.problem()).toBe('CONTRAIL_TEST_ADDON=0');
    } finally {
      delete process.env.CONTRAIL_TEST_ADDON;
    }
    expect(addon.get()).not.toBeNull();
  });
});
