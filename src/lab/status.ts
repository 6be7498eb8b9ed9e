// `status`: is each part of the lab up? One line per component, and what to do if it is not.
import { readKubeCa, readState, type LabState } from '../backends/state.js';
import { isOurs } from '../processes.js';
import { rawRequest } from '../http.js';

export interface ComponentHealth {
  name: string;
  ok: boolean;
  detail: string;
}

async function apiReady(state: LabState): Promise<boolean> {
  try {
    const ca = readKubeCa(state);
    // /readyz is readable without credentials (system:public-info-viewer).
    const res = await rawRequest({ server: state.kubeServer, ca }, { method: 'GET', path: '/readyz', timeoutMs: 3000 });
    return res.status === 200;
  } catch {
    return false;
  }
}

async function vaultReady(state: LabState): Promise<boolean> {
  try {
    return (await fetch(`${state.vault.addr}/v1/sys/health`, { signal: AbortSignal.timeout(3000) })).status === 200;
  } catch {
    return false;
  }
}

/** Checks processes by pid and the servers by their health endpoints. */
export async function health(state: LabState): Promise<ComponentHealth[]> {
  const checks: ComponentHealth[] = state.processes.map((p) => ({
    name: p.name,
    ok: isOurs(p),
    detail: isOurs(p) ? `pid ${p.pid}${p.port ? `, port ${p.port}` : ''}` : `not running (log: ${p.logFile})`,
  }));
  const [api, vault] = await Promise.all([apiReady(state), vaultReady(state)]);
  checks.push({ name: 'API server /readyz', ok: api, detail: api ? state.kubeServer : `${state.kubeServer} does not answer` });
  checks.push({ name: 'Vault /v1/sys/health', ok: vault, detail: vault ? state.vault.addr : `${state.vault.addr} does not answer` });
  return checks;
}

export async function status(): Promise<{ state?: LabState; checks: ComponentHealth[] }> {
  const state = readState();
  if (!state) return { checks: [{ name: 'lab', ok: false, detail: 'not started' }] };
  return { state, checks: await health(state) };
}
