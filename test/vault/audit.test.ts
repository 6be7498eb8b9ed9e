import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isHmac, parseAuditLine, readAudit } from '../../src/vault/audit.js';

const request = (path: string) =>
  JSON.stringify({
    time: '2025-11-29T17:10:00Z',
    type: 'request',
    request: {
      path,
      operation: 'update',
      remote_address: '127.0.0.1',
      data: { role: 'hmac-sha256:aa', jwt: 'hmac-sha256:bb' },
    },
  });
const denied = (path: string) =>
  JSON.stringify({
    time: '2025-11-29T17:10:00Z',
    type: 'response',
    error: 'permission denied',
    request: { path, operation: 'update', data: { role: 'hmac-sha256:aa' } },
    response: {},
  });
const granted = JSON.stringify({
  time: '2025-11-29T17:10:01Z',
  type: 'response',
  request: { path: 'auth/kubernetes/login', operation: 'update' },
  response: {
    auth: { client_token: 'hmac-sha256:cc', metadata: { service_account_name: 'app' }, policies: ['default'] },
  },
});

describe('parseAuditLine', () => {
  it('reads a request entry with hashed values', () => {
    const entry = parseAuditLine(request('auth/kubernetes/login'));
    expect(entry).toMatchObject({
      type: 'request',
      path: 'auth/kubernetes/login',
      operation: 'update',
      remoteAddress: '127.0.0.1',
      requestData: { role: 'hmac-sha256:aa' },
    });
    expect(entry?.error).toBeUndefined();
  });

  it('reads the clear-text error of a refused login and the metadata of a granted one', () => {
    expect(parseAuditLine(denied('auth/kubernetes/login'))?.error).toBe('permission denied');
    expect(parseAuditLine(granted)?.auth?.metadata).toEqual({ service_account_name: 'app' });
  });

  it('ignores lines that are not audit entries', () => {
    expect(parseAuditLine('')).toBeUndefined();
    expect(parseAuditLine('not json')).toBeUndefined();
    expect(parseAuditLine('{"type":"other"}')).toBeUndefined();
  });
});

describe('readAudit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vault-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the last entries for one path, oldest first', () => {
    const file = join(dir, 'audit.log');
    writeFileSync(
      file,
      [
        request('sys/auth'),
        request('auth/kubernetes/login'),
        denied('auth/kubernetes/login'),
        request('auth/other/login'),
        granted,
        '',
      ].join('\n'),
    );
    const entries = readAudit(file, { path: 'auth/kubernetes/login', count: 2 });
    expect(entries.map((e) => [e.type, e.error ?? 'ok'])).toEqual([
      ['response', 'permission denied'],
      ['response', 'ok'],
    ]);
  });

  it('is empty when the device has written nothing yet', () => {
    expect(readAudit(join(dir, 'missing.log'))).toEqual([]);
  });

  it('tells hashed values from clear ones', () => {
    expect(isHmac('hmac-sha256:aa')).toBe(true);
    expect(isHmac('app')).toBe(false);
    expect(isHmac(undefined)).toBe(false);
  });
});
