import { describe, expect, it } from 'vitest';
import { GcsTarget } from '../../src/sinks/gcs-target.js';
import { LocalTarget } from '../../src/sinks/local-target.js';
import { openTarget } from '../../src/sinks/open-target.js';

process.env.METADATA_SERVER_DETECTION = 'none';

describe('openTarget', () => {
  it('opens gs:// URLs as GcsTarget and anything else as LocalTarget', async () => {
    // Constructing a client sends no request; nothing here talks to the network.
    const gcs = await openTarget('gs://mozanalysis/jetstream');
    expect(gcs).toBeInstanceOf(GcsTarget);
    expect(gcs.description).toBe('gs://mozanalysis/jetstream');
    expect(await openTarget('./out')).toBeInstanceOf(LocalTarget);
  });

  it('rejects a malformed gs:// URL', async () => {
    await expect(openTarget('gs://')).rejects.toThrow(/expected gs:\/\/BUCKET\/PREFIX/);
  });
});
