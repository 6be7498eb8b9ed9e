import { describe, expect, it } from 'vitest';
import { renderTrace, wrap, type TracedReview } from '../../src/output/sequence.js';

const granted: TracedReview = {
  bearer: 'system:serviceaccount:vault:vault (pod vault-0)',
  reviewed: 'system:serviceaccount:lab-app:app',
  audiences: [],
  status: 201,
  authenticated: true,
  user: 'system:serviceaccount:lab-app:app',
  latencyMs: 7,
  cacheable: true,
};

describe('renderTrace', () => {
  it('draws login, TokenReview with its bearer, the answer and Vault’s reply, as text and SVG', () => {
    const { text, bundle, metadata } = renderTrace([granted], { client: 'app', answer: '200: a Vault token' });
    expect(text.split('\n').map((l) => l.slice(0, 26).trim())).toEqual([
      'app → Vault',
      '',
      'Vault → API server',
      '',
      '',
      '',
      'API server → Vault',
      '',
      'Vault → app',
    ]);
    expect(text).toContain('bearer: system:serviceaccount:vault:vault (pod vault-0)');
    expect(text).toContain("audiences: none (the API server's own)");
    expect(text).toContain('(took 7ms) same token passed < 10 s ago: cache could answer');
    expect(bundle['image/svg+xml']).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(bundle['image/svg+xml']).toContain('fill="#2e7d32"');
    expect(metadata).toEqual({
      lab: { trace: [{ bearer: granted.bearer, reviewed: granted.reviewed, status: 201, authenticated: true }] },
    });
  });

  it('escapes for SVG and redacts a credential in a reason', () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${part({ alg: 'RS256' })}.${part({ sub: 'system:serviceaccount:a:b', exp: 2e9 })}.${'s'.repeat(43)}`;
    const refused = { ...granted, status: 403, authenticated: false, reason: `<no> for ${jwt}`, cacheable: false };
    const { text, bundle } = renderTrace([refused]);
    expect(text).not.toContain(jwt.split('.')[1]);
    expect(text).toContain('«redacted');
    expect(bundle['image/svg+xml']).toContain('&#60;no&#62;');
    expect(bundle['image/svg+xml']).toContain('fill="#c62828"');
  });

  it('says so when no review went through', () => {
    expect(renderTrace([]).text).toBe('No TokenReview went through the tracer.');
  });
});

describe('wrap', () => {
  it('breaks long lines at spaces, indenting the rest', () => {
    expect(wrap('aaaa bbbb cccc', 9)).toEqual(['aaaa bbbb', '  cccc']);
    expect(wrap('short')).toEqual(['short']);
    expect(wrap('x'.repeat(20), 8)).toEqual(['xxxxxxxx', '  xxxxxx', '  xxxxxx']);
  });
});
