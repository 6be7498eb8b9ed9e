// What a notebook's first cell calls: make sure the lab runs, then hand back ready clients for it.
import type { Offers } from '../backends/backend.js';
import { backendOf } from '../backends/registry.js';
import { readKubeCa, readState, type LabState } from '../backends/state.js';
import { LabError } from '../errors.js';
import { Kube } from '../kube/client.js';
import type { KubeTarget, RawResponse } from '../http.js';
import { enableKernelColor, inKernel, type HttpExchange } from '../output/display.js';
import { Progress } from '../output/progress.js';
import { redactText } from '../output/redact.js';
import { toJson } from '../output/render.js';
import { repeat } from '../poll.js';
import { VaultClient, type VaultResponse } from '../vault/client.js';
import { NOTEBOOK_NAMESPACES, checkPrefix, labName } from './names.js';
import { health } from './status.js';

export interface Lab {
  backend: LabState['backend'];
  state: LabState;
  /** Admin access to the API server through @kubernetes/client-node (what kubectl uses). */
  kube: Kube;
  /** The API server as curl sees it: URL and CA, with no credentials. */
  api: KubeTarget;
  /** Vault with the dev root token (what `vault` uses after `source .lab/env`). */
  vault: VaultClient;
  /** The learner's name for a namespace, ClusterRoleBinding or Vault mount (see lab/names.ts). */
  name: (base: string) => string;
  /** The learner's prefix: '' alone on a laptop, set by the env bundle on a workshop's shared cluster. */
  prefix: string;
  /** What only a lab that runs its own servers offers; false on a shared cluster and Vault (backend existing). */
  offers: Offers;
}

export type { Offers };

/** The clients and names a notebook uses, for this state's learner. */
export function labFor(state: LabState): Lab {
  const prefix = checkPrefix(state.prefix ?? '');
  const name = (base: string) => labName(prefix, base);
  const { offers } = backendOf(state.backend);
  return {
    backend: state.backend,
    state,
    kube: Kube.fromFile(state.kubeconfig, prefix ? NOTEBOOK_NAMESPACES.map(name) : undefined),
    api: { server: state.kubeServer, ca: readKubeCa(state) },
    vault: new VaultClient(state.vault.addr, state.vault.token, { mount: name('kubernetes'), audit: offers.audit }),
    name,
    prefix,
    offers,
  };
}

/** Idempotent: reuses a running lab, or starts one (the same as `npm run lab -- up`). */
export async function setup(): Promise<Lab> {
  if (inKernel()) enableKernelColor();
  let state = readState();
  if (!state || !(await health(state)).every((c) => c.ok)) {
    // Loaded only when the lab must start: up reaches every backend and the binaries, which a running lab never needs.
    const { up } = await import('./up.js');
    state = (await up(new Progress(process.stdout, false))).state;
  }
  return labFor(state);
}

/**
 * RBAC changes reach the API server's authorizer through a watch, a moment after the write.
 * Repeats a request until its answer passes `done` and returns that answer. Past the deadline it throws,
 * naming what it waited for and the last answer, so a notebook never goes on with a wrong answer.
 */
export async function until<T>(done: (answer: T) => boolean, request: () => Promise<T>, timeoutMs = 15_000, what = oneLine(done.toString())): Promise<T> {
  const { answer, done: passed } = await repeat(request, done, { timeoutMs, intervalMs: 50 });
  if (passed) return answer;
  throw new LabError(`Waited ${timeoutMs / 1000} s for ${what}, and the last answer still did not pass.`, "read the last answer: the cells before this one (a binding, Vault's config) did not have the effect the lesson expects; fix that, then run this cell again", {
    details: `Last answer: ${describeAnswer(answer)}`,
  });
}

/** until() for HTTP answers: repeats the request until it answers with the expected status. */
export function untilStatus<T extends { status: number }>(expected: number, request: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  return until((res) => res.status === expected, request, timeoutMs, `HTTP ${expected}`);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The last answer as a learner can read it in an error: status line first, redacted, and short. */
function describeAnswer(answer: unknown): string {
  const res = answer as { status?: unknown; method?: unknown; url?: unknown };
  const line = typeof res?.status === 'number' ? `HTTP ${res.status}${typeof res.method === 'string' ? ` from ${res.method} ${String(res.url)}` : ''}\n` : '';
  const json = redactText(toJson(answer));
  return `${line}${json.length > 1_500 ? `${json.slice(0, 1_500)}…` : json}`;
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
