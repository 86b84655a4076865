import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GcsTarget } from '../../src/sinks/gcs-target.js';
import { GcsServer } from '../support/gcs-server.js';
import { crc32cBase64, crc32cReference } from '../support/crc32c-reference.js';
import { loopbackStorage } from '../support/gcs-test-client.js';

let server: GcsServer;

beforeAll(async () => {
  server = await GcsServer.start();
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.objects.clear();
  server.log.length = 0;
  server.fail503 = 0;
  server.dropUploads = 0;
  server.corruptUploads = 0;
});

function target(resumableThreshold?: number, maxRetries = 3): GcsTarget {
  return new GcsTarget({ url: 'gs://test-bucket/jetstream/run1', storage: loopbackStorage(server.endpoint, maxRetries), resumableThreshold });
}

const uploads = (): string[] => server.log.filter(line => line.includes('/upload/'));
const text = (bytes: Uint8Array | null): string | null => (bytes === null ? null : Buffer.from(bytes).toString('utf8'));

describe('crc32cReference', () => {
  it('gives the standard check value', () => {
    // RFC 3720 B.4 / the CRC catalogue: CRC-32C("123456789") = 0xE3069283
    expect(crc32cReference(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32cBase64(Buffer.from('123456789'))).toBe(Buffer.from([0xe3, 0x06, 0x92, 0x83]).toString('base64'));
  });
});

describe('GcsTarget', () => {
  it('writes with one multipart request and reads back the same bytes', async () => {
    const data = new Uint8Array(Array.from({ length: 1000 }, (_, i) => (i * 31) % 256));
    const gcs = target();
    await gcs.write('statistics/statistics_x.json', data, { contentType: 'application/json' });
    expect(uploads()).toEqual([expect.stringMatching(/^POST \/upload\/storage\/v1\/b\/test-bucket\/o\?.*uploadType=multipart/)]);
    const stored = server.objects.get('test-bucket/jetstream/run1/statistics/statistics_x.json');
    // md5 from node:crypto, crc32c from the independent table implementation
    expect(stored?.resource.md5Hash).toBe(createHash('md5').update(data).digest('base64'));
    expect(stored?.resource.crc32c).toBe(crc32cBase64(data));
    expect(stored?.resource.contentType).toBe('application/json');
    expect(Buffer.from((await gcs.read('statistics/statistics_x.json'))!)).toEqual(Buffer.from(data));
  });

  it('uses a resumable upload at or above the threshold', async () => {
    const data = Buffer.alloc(300_000, 7);
    const gcs = target(100_000);
    await gcs.write('big.parquet', data);
    expect(uploads()[0]).toMatch(/^POST .*uploadType=resumable/);
    expect(uploads().some(line => line.startsWith('PUT '))).toBe(true);
    expect(server.objects.get('test-bucket/jetstream/run1/big.parquet')?.resource.crc32c).toBe(crc32cBase64(data));
    expect(Buffer.from((await gcs.read('big.parquet'))!).equals(data)).toBe(true);
  });

  it('returns null for a missing object', async () => {
    expect(await target().read('nothing/here.json')).toBeNull();
  });

  it('writeIfChanged writes once, skips identical content, rewrites changed content', async () => {
    const gcs = target();
    expect(await gcs.writeIfChanged('metadata/metadata_x.json', '{"a":1}')).toBe(true);
    expect(await gcs.writeIfChanged('metadata/metadata_x.json', '{"a":1}')).toBe(false);
    expect(uploads()).toHaveLength(1);
    expect(await gcs.writeIfChanged('metadata/metadata_x.json', '{"a":2}')).toBe(true);
    expect(uploads()).toHaveLength(2);
    expect(text(await gcs.read('metadata/metadata_x.json'))).toBe('{"a":2}');
  });

  it('retries 503s and then succeeds', async () => {
    server.fail503 = 2;
    const gcs = target();
    await gcs.write('errors/errors_x.json', '[]');
    expect(uploads()).toHaveLength(3);
    expect(text(await gcs.read('errors/errors_x.json'))).toBe('[]');
  });

  it('survives one dropped connection mid-upload', async () => {
    const gcs = target();
    server.dropUploads = 1;
    await gcs.write('a.json', 'new');
    expect(text(await gcs.read('a.json'))).toBe('new');
  });

  it('resumes a resumable upload after a dropped connection', async () => {
    const data = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    const gcs = target(1000);
    server.dropUploads = 1;
    await gcs.write('big.bin', data);
    expect(Buffer.from((await gcs.read('big.bin'))!).equals(data)).toBe(true);
  });

  it('rejects naming the object when connections keep dropping, leaving the previous object intact', async () => {
    const gcs = target(undefined, 2);
    await gcs.write('statistics/s.json', 'version 1');
    server.dropUploads = 100;
    await expect(gcs.write('statistics/s.json', 'version 2')).rejects.toThrow(
      /^gs:\/\/test-bucket\/jetstream\/run1\/statistics\/s\.json: upload failed with status \S+ .*previous object, if any, is unchanged/,
    );
    server.dropUploads = 0;
    expect(text(await gcs.read('statistics/s.json'))).toBe('version 1');
  });

  it('rejects naming the status when 503s outlast the retries, leaving the previous object intact', async () => {
    const gcs = target(undefined, 1);
    await gcs.write('s.json', 'version 1');
    server.fail503 = 10;
    await expect(gcs.write('s.json', 'version 2')).rejects.toThrow(/s\.json: upload failed with status 503/);
    server.fail503 = 0;
    expect(text(await gcs.read('s.json'))).toBe('version 1');
  });

  it('has a corrupted upload refused by its checksums, leaving the previous object intact', async () => {
    const gcs = target(undefined, 0);
    await gcs.write('s.json', 'version 1');
    server.corruptUploads = 1;
    await expect(gcs.write('s.json', 'version 2')).rejects.toThrow(/s\.json: upload failed with status 400 .*MD5/);
    expect(text(await gcs.read('s.json'))).toBe('version 1');
  });

  it('lists by prefix relative to the target and deletes', async () => {
    const gcs = target();
    await gcs.write('statistics/a.json', 'a');
    await gcs.write('statistics/b.json', 'b');
    await gcs.write('metadata/m.json', 'm');
    await new GcsTarget({ url: 'gs://test-bucket/other', storage: loopbackStorage(server.endpoint) }).write('statistics/z.json', 'z');
    expect(await gcs.list('statistics/')).toEqual(['statistics/a.json', 'statistics/b.json']);
    expect(await gcs.list()).toEqual(['metadata/m.json', 'statistics/a.json', 'statistics/b.json']);
    await gcs.delete('statistics/a.json');
    await gcs.delete('statistics/never-written.json');
    expect(await gcs.list('statistics/')).toEqual(['statistics/b.json']);
    expect(await gcs.read('statistics/a.json')).toBeNull();
  });
});
