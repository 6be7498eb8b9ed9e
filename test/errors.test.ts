import { describe, expect, it } from 'vitest';
import { CommandError, HttpError, LabError, shellQuote, tail } from '../src/errors.js';

describe('errors', () => {
  it('ends every message with the fix', () => {
    expect(new LabError('Port 6443 is taken.', 'stop the other server').message).toBe('Port 6443 is taken.\nFix: stop the other server');
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
    const error = new HttpError('POST', 'http://127.0.0.1:8200/v1/auth/kubernetes/login', 403, '{"errors":["permission denied"]}', 'bind the service account');
    expect(error.message).toContain('POST http://127.0.0.1:8200/v1/auth/kubernetes/login answered 403');
    expect(error.message).toContain('permission denied');
  });

  it('keeps short output whole and marks cut output', () => {
    expect(tail('a\nb')).toBe('a\nb');
    expect(tail('1\n2\n3\n4', 2)).toBe('…\n3\n4');
    expect(shellQuote(['curl', '-H', 'Authorization: Bearer $TOKEN'])).toBe(`curl -H 'Authorization: Bearer $TOKEN'`);
  });
});
