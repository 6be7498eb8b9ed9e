import { describe, expect, it } from 'vitest';
import { whoAmIAnswer } from '../../src/kube/whoami.js';
import type { RawResponse } from '../../src/http.js';

const answer = (status: number, statusText: string, json: unknown): RawResponse => ({
  method: 'POST',
  url: 'https://127.0.0.1:6443/apis/authentication.k8s.io/v1/selfsubjectreviews',
  status,
  statusText,
  headers: {},
  text: JSON.stringify(json),
  json,
});

describe('whoAmIAnswer', () => {
  it('names the user of an accepted bearer', () => {
    const res = answer(201, 'Created', {
      kind: 'SelfSubjectReview',
      status: { userInfo: { username: 'system:serviceaccount:ns:app' } },
    });
    expect(whoAmIAnswer(res)).toEqual({ answer: '201 Created', username: 'system:serviceaccount:ns:app' });
  });

  it('names nobody when the API server refuses the bearer (a Status body, whose status is a string)', () => {
    const res = answer(401, 'Unauthorized', { kind: 'Status', status: 'Failure', message: 'Unauthorized', code: 401 });
    expect(whoAmIAnswer(res)).toEqual({ answer: '401 Unauthorized', username: '' });
  });
});
