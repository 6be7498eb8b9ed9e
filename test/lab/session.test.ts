import { describe, expect, it } from 'vitest';
import { exchange, until, untilStatus } from '../../src/lab/session.js';

describe('until', () => {
  it('repeats the request until the answer passes, and returns that answer', async () => {
    let calls = 0;
    const answer = await until((n: number) => n >= 3, async () => ++calls);
    expect(answer).toBe(3);
  });

  it('returns the last answer when time is up, without throwing', async () => {
    const answer = await until(() => false, async () => 'still no', 10);
    expect(answer).toBe('still no');
  });
});

describe('untilStatus', () => {
  it('waits for the expected HTTP status', async () => {
    const statuses = [403, 403, 201];
    const res = await untilStatus(201, async () => ({ status: statuses.shift() ?? 0 }));
    expect(res.status).toBe(201);
  });
});

describe('exchange', () => {
  it('keeps the status line and the parsed body, with the request the caller passes', () => {
    const res = { method: 'POST', url: 'https://127.0.0.1:6443/x', status: 403, statusText: 'Forbidden', headers: {}, text: '{"code":403}', json: { code: 403 } };
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
