// The pure renderers, read directly: no kernel and no printing.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderers } from '../../src/output/renderers.js';

// Tokens are assembled at run time so no JWT ever sits in the repository.
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signature = randomBytes(128).toString('base64url');
const jwt = [part({ alg: 'RS256' }), part({ sub: 'system:serviceaccount:demo:vault-auth' }), signature].join('.');

describe('rich renderings', () => {
  it('carries text/plain and escaped text/html, with masks marked', () => {
    const { bundle } = renderers.json({ note: '<script>alert(1)</script>', jwt }, { title: 'A <title>' });
    expect(Object.keys(bundle).sort()).toEqual(['text/html', 'text/plain']);
    expect(bundle['text/html']).not.toMatch(/<script>|<title>/);
    expect(bundle['text/html']).toContain('<div style="font-weight:bold">A &#60;title&#62;</div><pre>');
    expect(bundle['text/html']).toMatch(/<span style="color:#8250df;font-style:italic">«redacted JWT [^<]+»<\/span>/);
    expect(bundle['text/html']).toContain('<span style="color:#0550ae">&#34;note&#34;</span>');
  });

  it('gives tables, verdicts and markdown the right MIME types', () => {
    expect(renderers.table([{ a: 1 }]).bundle['text/html']).toMatch(/^<table>/);
    expect(renderers.verdict(true, 'ok').bundle['text/html']).toBe(
      '<div style="white-space:pre-wrap"><span style="color:#1a7f37;font-weight:bold">✓ ok</span></div>',
    );
    expect(renderers.verdict(true, 'ok').metadata).toEqual({ lab: { verdict: true, expected: true } });
    expect(renderers.json({}).metadata).toBeUndefined();
    expect(renderers.markdown('# Title').bundle).toEqual({ 'text/markdown': '# Title', 'text/plain': '# Title' });
  });

  it("carries an exchange's method, path, status and Vault's errors in its metadata, never its secrets", () => {
    const denied = renderers.http({
      method: 'post',
      url: 'https://127.0.0.1:8200/v1/auth/kubernetes/login?x=1',
      status: 403,
      requestBody: { role: 'app', jwt },
      body: { errors: ['permission denied'] },
    });
    expect(denied.metadata).toEqual({
      lab: { http: { method: 'POST', path: '/v1/auth/kubernetes/login', status: 403, errors: ['permission denied'] } },
    });
    const review = renderers.http({ method: 'POST', url: '/apis/x', status: 201, body: { status: {} } });
    expect(review.metadata).toEqual({ lab: { http: { method: 'POST', path: '/apis/x', status: 201 } } });
  });

  it('survives values JSON.stringify chokes on', () => {
    const cyclic: Record<string, unknown> = {
      big: 2n,
      error: new Error('boom'),
      set: new Set([1]),
      map: new Map([['k', 'v']]),
    };
    cyclic.self = cyclic;
    expect(JSON.parse(renderers.json(cyclic).bundle['text/plain'] ?? '')).toEqual({
      big: '2',
      error: { name: 'Error', message: 'boom' },
      set: [1],
      map: { k: 'v' },
      self: '[Circular]',
    });
  });
});
