import { describe, expect, it } from 'vitest';
import { isGcsUrl, objectName, parseGcsUrl } from '../../src/sinks/gcs-url.js';

describe('parseGcsUrl', () => {
  it('splits bucket and prefix, trimming slashes', () => {
    expect(parseGcsUrl('gs://mozanalysis/jetstream/')).toEqual({ bucket: 'mozanalysis', prefix: 'jetstream' });
    expect(parseGcsUrl('gs://my-bucket')).toEqual({ bucket: 'my-bucket', prefix: '' });
    expect(parseGcsUrl('gs://b.example.com/a/b')).toEqual({ bucket: 'b.example.com', prefix: 'a/b' });
  });

  it('rejects malformed URLs naming the value', () => {
    expect(() => parseGcsUrl('gs://UPPER/x')).toThrow(/expected gs:\/\/BUCKET\/PREFIX .*got "gs:\/\/UPPER\/x"/);
    expect(() => parseGcsUrl('s3://bucket/x')).toThrow(/got "s3:\/\/bucket\/x"/);
  });

  it('tells gs:// from local paths', () => {
    expect(isGcsUrl('gs://b/p')).toBe(true);
    expect(isGcsUrl('./out')).toBe(false);
  });
});

describe('objectName', () => {
  it('joins prefix and relative path', () => {
    expect(objectName({ bucket: 'b', prefix: 'p/q' }, 'statistics/s.json')).toBe('p/q/statistics/s.json');
    expect(objectName({ bucket: 'b', prefix: '' }, 's.json')).toBe('s.json');
  });

  it('refuses absolute, empty-segment and .. paths', () => {
    for (const path of ['/abs', '../up', 'a//b', 'a/./b', '']) {
      expect(() => objectName({ bucket: 'b', prefix: 'p' }, path)).toThrow(/output path must be relative/);
    }
  });
});
