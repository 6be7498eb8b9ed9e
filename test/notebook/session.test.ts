import { describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { exchange, until, untilStatus } from '../../src/notebook/session.js';

describe('until', () => {
  it('repeats the request until the answer passes, and returns that answer', async () => {
    let calls = 0;
    const answer = await until(
      (n: number) => n >= 3,
      async () => ++calls,
    );
    expect(answer).toBe(3);
  });

  it('throws when time is up, naming what it waited for and the last answer', async () => {
    const waiting = until(
      (s: { allowed: boolean }) => s.allowed,
      async () => ({ allowed: false, reason: 'no RBAC policy matched' }),
      10,
    );
    await expect(waiting).rejects.toBeInstanceOf(LabError);
    await expect(waiting).rejects.toThrow(
      /Waited 0\.01 s for \(s\) => s\.allowed, and the last answer still did not pass\.\nLast answer: \{\n {2}"allowed": false,\n {2}"reason": "no RBAC policy matched"\n\}\nFix: /,
    );
  });
});

describe('untilStatus', () => {
  it('waits for the expected HTTP status', async () => {
    const statuses = [403, 403, 201];
    const res = await untilStatus(201, async () => ({ status: statuses.shift() ?? 0 }));
    expect(res.status).toBe(201);
  });

  it('throws past its deadline with the status and request of the last answer, credentials redacted', async () => {
    const jwt = [
      'eyJhbGciOiJSUzI1NiJ9',
      Buffer.from('{"sub":"system:serviceaccount:demo:app"}').toString('base64url'),
      'c'.repeat(86),
    ].join('.');
    const last = {
      method: 'POST',
      url: 'https://127.0.0.1:6443/apis/authentication.k8s.io/v1/tokenreviews',
      status: 403,
      json: { token: jwt },
    };
    const waiting = untilStatus(201, async () => last, 10);
    await expect(waiting).rejects.toThrow(
      /^Waited 0\.01 s for HTTP 201, .*\nLast answer: HTTP 403 from POST https:\/\/127\.0\.0\.1:6443\/apis\/authentication\.k8s\.io\/v1\/tokenreviews\n/s,
    );
    await expect(waiting).rejects.not.toThrow(jwt);
    await expect(waiting).rejects.toThrow('«redacted');
  });
});

describe('exchange', () => {
  it('keeps the status line and the parsed body, with the request the caller passes', () => {
    const res = {
      method: 'POST',
      url: 'https://127.0.0.1:6443/x',
      status: 403,
      statusText: 'Forbidden',
      headers: {},
      text: '{"code":403}',
      json: { code: 403 },
    };
    expect(exchange(res, { kind: 'TokenReview' }, { Accept: 'application/json' })).toEqual({
      method: 'POST',
      url: 'https://127.0.0.1:6443/x',
      status: 403,
      statusText: 'Forbidden',
      requestHeaders: { Accept: 'application/json' },
      requestBody: { kind: 'TokenReview' },
      body: { code: 403 },
    });
  });
});
