// `kubectl auth whoami --token=T`: the user the API server takes a bearer token to be. A token the API
// server accepts as a credential can be replayed against it; a token for another audience cannot.
import { rawRequest, type KubeTarget, type RawResponse } from '../http.js';

export const SELFSUBJECTREVIEW_PATH = '/apis/authentication.k8s.io/v1/selfsubjectreviews';

export interface WhoAmI {
  /** e.g. `201 Created`, or `401 Unauthorized` for a bearer the API server does not accept. */
  answer: string;
  /** The authenticated user, or '' when the bearer was refused. */
  username: string;
}

/** Reads a SelfSubjectReview answer: the status line and, if the bearer was accepted, whose it is. */
export function whoAmIAnswer(res: RawResponse): WhoAmI {
  const body = (res.json ?? {}) as { status?: { userInfo?: { username?: string } } | string };
  const username = typeof body.status === 'object' ? (body.status.userInfo?.username ?? '') : '';
  return { answer: `${res.status} ${res.statusText}`.trim(), username };
}

/** Asks the API server who `bearer` is, to show whether a token works as a credential there. */
export async function whoAmI(target: KubeTarget, bearer: string): Promise<WhoAmI> {
  const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' };
  return whoAmIAnswer(await rawRequest(target, { method: 'POST', path: SELFSUBJECTREVIEW_PATH, token: bearer, body }));
}
