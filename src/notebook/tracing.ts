// The TokenReview tracer from a notebook: started in the kernel, between Vault and the lab's API server. For a
// Vault on this machine it listens on 127.0.0.1; for Vault in the kind cluster it listens on this machine's
// address on Docker's kind network (its gateway), which only the containers on that network reach.
import { KIND_NETWORK } from '../backends/kind/cluster.js';
import { networkGateway } from '../docker/docker.js';
import { LabError } from '../errors.js';
import type { Lab } from '../exercises/types.js';
import { LOOPBACK } from '../ports.js';
import { startTracer, type Tracer } from '../tracer/proxy.js';

export type { Tracer };
export type { TraceEntry } from '../tracer/trace.js';

let running: Tracer | undefined;

async function listenAddress(lab: Lab): Promise<string> {
  if (lab.state.vault.place !== 'in-cluster') return LOOPBACK;
  const gateway = await networkGateway(KIND_NETWORK);
  if (gateway) return gateway;
  throw new LabError(
    `Docker's ${KIND_NETWORK} network names no IPv4 gateway, so Vault's pod cannot reach a tracer on this machine.`,
    `run \`docker network inspect ${KIND_NETWORK}\`, then \`npm run lab -- down && npm run lab -- up\``,
  );
}

/**
 * Starts the tracer for this lab (stopping one a cell started before) and hands it back: point Vault's
 * kubernetes_host at `tracer.url` and its kubernetes_ca_cert at `tracer.ca`; `tracer.entries` fills as Vault
 * sends TokenReviews.
 */
export async function traceTokenReviews(
  lab: Lab,
  /** The API server to pass requests on to: the lab's unless another cluster's is given. */
  upstream: { server: string; ca: string } = lab.api,
): Promise<Tracer> {
  if (!lab.offers.trace) {
    throw new LabError(
      'The tracer runs on this machine, and a shared Vault (backend existing) cannot reach it.',
      'read the traced logins in recordings/04-vault-kubernetes-auth.ipynb, or run the lab on your own machine',
    );
  }
  await running?.stop();
  running = await startTracer({ upstream, listen: await listenAddress(lab) });
  return running;
}
