import { describe, expect, it } from 'vitest';
import { CommandError, HttpError, LabError, describe as describeError, shellQuote, tail } from '../src/errors.js';

describe('errors', () => {
  it('ends every message with the fix', () => {
    expect(new LabError('Port 6443 is taken.', 'stop the other server').message).toBe(
      'Port 6443 is taken.\nFix: stop the other server',
    );
  });

  it('names the command as it could be pasted, its exit code and the tail of stderr', () => {
    const stderr = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    const error = new CommandError(['kind', 'create', 'cluster', '--name', "it's"], 1, stderr, 'start Docker');
    expect(error.message).toContain(`Command exited with code 1: kind create cluster --name 'it'\\''s'`);
    expect(error.message).toContain('line 30');
    expect(error.message).not.toContain('line 1\n');
    expect(error.message.endsWith('Fix: start Docker')).toBe(true);
  });

  it('names the method, URL, status and body of an HTTP failure', () => {
    const error = new HttpError(
      'POST',
      'http://127.0.0.1:8200/v1/auth/kubernetes/login',
      403,
      '{"errors":["permission denied"]}',
      'bind the service account',
    );
    expect(error.message).toContain('POST http://127.0.0.1:8200/v1/auth/kubernetes/login answered 403');
    expect(error.message).toContain('permission denied');
  });

  it('keeps short output whole and marks cut output', () => {
    expect(tail('a\nb')).toBe('a\nb');
    expect(tail('1\n2\n3\n4', 2)).toBe('…\n3\n4');
    expect(shellQuote(['curl', '-H', 'Authorization: Bearer $TOKEN'])).toBe(`curl -H 'Authorization: Bearer $TOKEN'`);
  });
});

describe('describe (the CLI error text)', () => {
  it('shows the cause behind a bare error, such as the reason fetch failed', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8200'), { code: 'ECONNREFUSED' }),
    });
    expect(describeError(error)).toBe('fetch failed\nCause: connect ECONNREFUSED 127.0.0.1:8200');
  });

  it("puts a LabError's cause before its fix, and does not repeat what the message says", () => {
    const cause = Object.assign(new Error('EACCES: permission denied, open sa.key'), { code: 'EACCES' });
    expect(describeError(new LabError('Cannot read the key.', 'run up again', { cause }))).toBe(
      'Cannot read the key.\nCause: EACCES: permission denied, open sa.key\nFix: run up again',
    );
    expect(
      describeError(
        new LabError('Cannot read the key: EACCES: permission denied, open sa.key', 'run up again', { cause }),
      ),
    ).toBe('Cannot read the key: EACCES: permission denied, open sa.key\nFix: run up again');
  });
});
