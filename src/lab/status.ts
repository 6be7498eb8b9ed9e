// `status`: is each part of the lab up? One line per component, and what to do if it is not.
import { readKubeCa, readState, type LabState } from '../backends/state.js';
import { isOurs } from '../processes.js';
import { causeText, RequestError } from '../errors.js';
import { rawRequest } from '../http.js';
import { VaultClient } from '../vault/vault-client.js';

export interface ComponentHealth {
  name: string;
  ok: boolean;
  detail: string;
}

/** A probe's verdict: ready, or why not in the words that came back (a status, ECONNREFUSED, a certificate error). */
type Probe = { ok: true } | { ok: false; why: string };

async function probe(call: () => Promise<{ status: number; text: string }>): Promise<Probe> {
  try {
    const res = await call();
    return res.status === 200
      ? { ok: true }
      : { ok: false, why: `answered ${res.status}${res.text.trim() ? `: ${res.text.trim().split('\n')[0]}` : ''}` };
  } catch (error) {
    return {
      ok: false,
      why:
        error instanceof RequestError ? causeText(error.cause) : error instanceof Error ? error.message : String(error),
    };
  }
}

// /readyz is readable without credentials (system:public-info-viewer).
const apiReady = (state: LabState) =>
  probe(async () =>
    rawRequest(
      { server: state.kubeServer, ca: readKubeCa(state) },
      { method: 'GET', path: '/readyz', timeoutMs: 3000 },
    ),
  );
const vaultReady = (state: LabState) => probe(() => new VaultClient(state.vault.addr).health());

/** Checks processes by pid and the servers by their health endpoints. */
export async function health(state: LabState): Promise<ComponentHealth[]> {
  const checks: ComponentHealth[] = state.processes.map((p) => ({
    name: p.name,
    ok: isOurs(p),
    detail: isOurs(p) ? `pid ${p.pid}${p.port ? `, port ${p.port}` : ''}` : `not running (log: ${p.logFile})`,
  }));
  const [api, vault] = await Promise.all([apiReady(state), vaultReady(state)]);
  checks.push({
    name: 'API server /readyz',
    ok: api.ok,
    detail: api.ok ? state.kubeServer : `${state.kubeServer}: ${api.why}`,
  });
  checks.push({
    name: 'Vault /v1/sys/health',
    ok: vault.ok,
    detail: vault.ok ? state.vault.addr : `${state.vault.addr}: ${vault.why}`,
  });
  return checks;
}

/** `npm run lab -- status`: the lab's state and each component's health, or "not started". */
export async function status(): Promise<{ state?: LabState; checks: ComponentHealth[] }> {
  const state = readState();
  if (!state) return { checks: [{ name: 'lab', ok: false, detail: 'not started' }] };
  return { state, checks: await health(state) };
}
