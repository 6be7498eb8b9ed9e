import { describe, expect, it } from 'vitest';
import { admitted } from '../../../src/lab/workshop/dashboard.js';

const req = (url: string, host?: string) => ({ url, headers: host === undefined ? {} : { host } });

describe('who the dashboard answers', () => {
  it('on 127.0.0.1 with no token: only requests addressed to this machine, so a rebound DNS name gets nothing', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080'])
      expect(admitted(req('/', host), 8080, undefined), host).toBe(true);
    for (const host of ['evil.example:8080', '127.0.0.1:9090', '127.0.0.1', undefined])
      expect(admitted(req('/', host), 8080, undefined), String(host)).toBe(false);
  });

  it('with a token: only requests carrying it, whatever their Host header says', () => {
    expect(admitted(req('/?token=s3cret', 'evil.example'), 80, 's3cret')).toBe(true);
    expect(admitted(req('/progress.json?token=s3cret'), 80, 's3cret')).toBe(true);
    for (const url of ['/', '/?token=', '/?token=s3cre', '/?token=s3cret2', '/progress.json'])
      expect(admitted(req(url, '127.0.0.1:80'), 80, 's3cret'), url).toBe(false);
  });
});
