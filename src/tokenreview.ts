// The TokenReview call at the heart of the lab: "is this token real, and whose is it?"
// Sent as raw HTTPS exactly like the curl in the article, so the learner sees the real status and body.
import { rawRequest, type KubeTarget, type RawResponse } from './http.js';

export const TOKENREVIEW_PATH = '/apis/authentication.k8s.io/v1/tokenreviews';

/** The body of token-review.json: the token to be reviewed goes in spec.token. */
export function tokenReviewBody(token: string, audiences?: string[]) {
  return {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenReview',
    spec: audiences ? { token, audiences } : { token },
  };
}

/** A TokenReview to send: the token under review, and who sends it. */
export interface TokenReviewRequest {
  /** The token under review (spec.token). */
  token: string;
  /**
   * The caller, who needs permission to create tokenreviews; the token itself when left out, as in the article and in
   * Vault's default mode.
   */
  bearer?: string;
  /** spec.audiences: the audiences the token must be for. */
  audiences?: string[];
}

/**
 * curl -X POST -d @token-review.json -H "Authorization: Bearer $BEARER"
 * https://API/apis/authentication.k8s.io/v1/tokenreviews
 */
export function postTokenReview(target: KubeTarget, review: TokenReviewRequest): Promise<RawResponse> {
  const { token, bearer = token, audiences } = review;
  return rawRequest(target, {
    method: 'POST',
    path: TOKENREVIEW_PATH,
    token: bearer,
    body: tokenReviewBody(token, audiences),
  });
}

/** The headers of the article's curl (the ones rawRequest sends), for show.http to print next to the answer. */
export function tokenReviewHeaders(bearer: string): Record<string, string> {
  return { Authorization: `Bearer ${bearer}`, Accept: 'application/json', 'Content-Type': 'application/json' };
}

export interface TokenReviewOutcome {
  status: number;
  authenticated?: boolean;
  username?: string;
  groups?: string[];
  error?: string;
  /** For a refused call: the Status message, e.g. `... cannot create resource "tokenreviews" ...`. */
  message?: string;
}

/** Pulls out what matters from either answer shape: a TokenReview (200/201) or a Status (403). */
export function summarize(res: RawResponse): TokenReviewOutcome {
  const body = (res.json ?? {}) as {
    status?: { authenticated?: boolean; user?: { username?: string; groups?: string[] }; error?: string } | string;
    message?: string;
  };
  if (typeof body.status === 'object') {
    return {
      status: res.status,
      authenticated: body.status.authenticated ?? false,
      username: body.status.user?.username,
      groups: body.status.user?.groups,
      error: body.status.error,
    };
  }
  return { status: res.status, message: body.message };
}
