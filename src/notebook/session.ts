// What a notebook's first cell calls: make sure the lab runs, then hand back ready clients for it.
import { backendOf } from '../backends/registry.js';
import { readKubeCa, readState, type LabState, type Offers } from '../backends/state.js';
import type { Lab } from '../exercises/types.js';
import { LabError } from '../errors.js';
import { Kube } from '../kube/kube-client.js';
import type { RawResponse } from '../http.js';
import { enableKernelColor, inKernel, type HttpExchange } from '../output/display.js';
import { Steps } from '../output/steps.js';
import { redactText } from '../output/redact.js';
import { toJson } from '../output/render.js';
import { repeat } from '../poll.js';
import { VaultClient, type VaultResponse } from '../vault/vault-client.js';
import { NOTEBOOK_NAMESPACES, checkPrefix, labName } from '../lab/names.js';
import { health } from '../lab/status.js';

export type { Lab, Offers };

/** The clients and names a notebook uses, for this state's learner. */
export function labFor(state: LabState): Lab {
  const prefix = checkPrefix(state.prefix ?? '');
  const name = (base: string) => labName(prefix, base);
  const backend = backendOf(state.backend);
  // Vault in the cluster writes its log and any audit file inside its pod (notebook 07 reads the pod's log).
  const offers =
    state.vault.place === 'in-cluster' ? { ...backend.offers, vaultLog: false, audit: false } : backend.offers;
  return {
    backend: state.backend,
    state,
    kube: Kube.fromFile(state.kubeconfig, prefix ? NOTEBOOK_NAMESPACES.map(name) : undefined),
    api: { server: state.kubeServer, ca: readKubeCa(state) },
    vault: new VaultClient(state.vault.addr, state.vault.token, { mount: name('kubernetes'), audit: offers.audit }),
    name,
    prefix,
    offers,
    signingKey: async () => (await backend.signingKey(state)).pem,
  };
}

/** Idempotent: reuses a running lab, or starts one (the same as `npm run lab -- up`). */
export async function setup(): Promise<Lab> {
  if (inKernel()) enableKernelColor();
  let state = readState();
  if (!state || !(await health(state)).every((c) => c.ok)) {
    // Loaded only when the lab must start: up reaches every backend and the binaries, which a running lab never
    // needs.
    const { up } = await import('../lab/up.js');
    state = (await up(new Steps(process.stdout, false))).state;
  }
  return labFor(state);
}

/**
 * RBAC changes reach the API server's authorizer through a watch, a moment after the write.
 * Repeats a request until its answer passes `done` and returns that answer. Past the deadline it throws,
 * naming what it waited for and the last answer, so a notebook never goes on with a wrong answer.
 */
export async function until<T>(
  done: (answer: T) => boolean,
  request: () => Promise<T>,
  timeoutMs = 15_000,
  what = oneLine(done.toString()),
): Promise<T> {
  const { answer, done: passed } = await repeat(request, done, { timeoutMs, intervalMs: 50 });
  if (passed) return answer;
  throw new LabError(
    `Waited ${timeoutMs / 1000} s for ${what}, and the last answer still did not pass.`,
    "read the last answer: the cells before this one (a binding, Vault's config) did not have the effect the lesson " +
      'expects; fix that, then run this cell again',
    {
      details: `Last answer: ${describeAnswer(answer)}`,
    },
  );
}

/** until() for HTTP answers: repeats the request until it answers with the expected status. */
export function untilStatus<T extends { status: number }>(
  expected: number,
  request: () => Promise<T>,
  timeoutMs = 15_000,
): Promise<T> {
  return until((res) => res.status === expected, request, timeoutMs, `HTTP ${expected}`);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The last answer as a learner can read it in an error: status line first, redacted, and short. */
function describeAnswer(answer: unknown): string {
  const res = answer as { status?: unknown; method?: unknown; url?: unknown };
  const line =
    typeof res?.status === 'number'
      ? `HTTP ${res.status}${typeof res.method === 'string' ? ` from ${res.method} ${String(res.url)}` : ''}\n`
      : '';
  const json = redactText(toJson(answer));
  return `${line}${json.length > 1_500 ? `${json.slice(0, 1_500)}…` : json}`;
}

/** Turns a raw API server or Vault answer into the exchange `show.http` draws, like `curl -v`. */
export function exchange(
  res: RawResponse | VaultResponse<unknown>,
  requestBody?: unknown,
  requestHeaders?: Record<string, string>,
): HttpExchange {
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
