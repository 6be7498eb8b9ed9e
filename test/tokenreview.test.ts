import { describe, expect, it } from 'vitest';
import type { RawResponse } from '../src/http.js';
import { summarize, tokenReviewBody, tokenReviewHeaders } from '../src/tokenreview.js';

const response = (status: number, json: unknown): RawResponse => ({
  method: 'POST',
  url: 'https://127.0.0.1/x',
  status,
  statusText: '',
  headers: {},
  text: JSON.stringify(json),
  json,
});

describe('TokenReview', () => {
  it('builds the body of token-review.json', () => {
    expect(tokenReviewBody('T')).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token: 'T' },
    });
  });

  it("sends the headers of the article's curl", () => {
    expect(tokenReviewHeaders('B')).toEqual({
      Authorization: 'Bearer B',
      Accept: 'application/json',
      'Content-Type': 'application/json',
    });
  });

  it('summarizes a granted review', () => {
    const outcome = summarize(
      response(201, {
        kind: 'TokenReview',
        status: {
          authenticated: true,
          user: { username: 'system:serviceaccount:ns:app', groups: ['system:authenticated'] },
        },
      }),
    );
    expect(outcome).toEqual({
      status: 201,
      authenticated: true,
      username: 'system:serviceaccount:ns:app',
      groups: ['system:authenticated'],
      error: undefined,
    });
  });

  it('summarizes a refused call from its Status', () => {
    const outcome = summarize(
      response(403, {
        kind: 'Status',
        status: 'Failure',
        message: 'tokenreviews.authentication.k8s.io is forbidden',
        code: 403,
      }),
    );
    expect(outcome).toEqual({ status: 403, message: 'tokenreviews.authentication.k8s.io is forbidden' });
  });
});
