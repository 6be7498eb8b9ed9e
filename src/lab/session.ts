// What a notebook's first cell calls: make sure the lab runs, then hand back ready clients for it.
import { readKubeCa, readState, type LabState } from '../backends/state.js';
import { Kube } from '../kube/client.js';
import type { KubeTarget, RawResponse } from '../http.js';
import { enableKernelColor, inKernel, type HttpExchange } from '../output/display.js';
import { Progress } from '../output/progress.js';
import { repeat } from '../poll.js';
import { VaultClient, type VaultResponse } from '../vault/client.js';
import { health } from './status.js';
import { up } from './up.js';

export interface Lab {
  backend: LabState['backend'];
  state: LabState;
  /** Admin access to the API server through @kubernetes/client-node (what kubectl uses). */
  kube: Kube;
  /** The API server as curl sees it: URL and CA, with no credentials. */
  api: KubeTarget;
  /** Vault with the dev root token (what `vault` uses after `source .lab/env`). */
  vault: VaultClient;
}

/** Idempotent: reuses a running lab, or starts one (the same as `npm run lab -- up`). */
export async function setup(): Promise<Lab> {
  if (inKernel()) enableKernelColor();
  let state = readState();
  if (!state || !(await health(state)).every((c) => c.ok)) {
    state = (await up(new Progress(process.stdout, false))).state;
  }
  return {
    backend: state.backend,
    state,
    kube: Kube.fromFile(state.kubeconfig),
    api: { server: state.kubeServer, ca: readKubeCa(state) },
    vault: new VaultClient(state.vault.addr, state.vault.token),
  };
}

/**
 * RBAC changes reach the API server's authorizer through a watch, a moment after the write.
 * Repeats a request until its answer passes `done` (or the time is up) and returns the last answer.
 */
export async function until<T>(done: (answer: T) => boolean, request: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  return (await repeat(request, done, { timeoutMs, intervalMs: 250 })).answer;
}

/** until() for HTTP answers: repeats the request until it answers with the expected status. */
export function untilStatus<T extends { status: number }>(expected: number, request: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  return until((res) => res.status === expected, request, timeoutMs);
}

/** Turns a raw API server or Vault answer into the exchange `show.http` draws, like `curl -v`. */
export function exchange(res: RawResponse | VaultResponse<unknown>, requestBody?: unknown, requestHeaders?: Record<string, string>): HttpExchange {
  return {
    method: res.method,
    url: res.url,
    status: res.status,
    statusText: 'statusText' in res ? res.statusText : undefined,
    requestHeaders,
    requestBody,
    body: res.json ?? res.text,
  };
}
