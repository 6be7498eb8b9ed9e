// `workshop dashboard`: a page for the host with one row per learner and one column per step, computed
// live from the shared cluster and Vault each time the page asks (every few seconds).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from '../../ports.js';
import { labName } from '../names.js';
import type { Host } from './host.js';
import { preparedNamespaces } from './kube-side.js';
import { Latencies } from './latency.js';
import { DASHBOARD_PAGE } from './page.js';
import { NOTEBOOK_STEPS, learnerRow, type Cell, type Step } from './steps.js';

export interface Progress {
  at: string;
  steps: Array<Pick<Step, 'id' | 'notebook' | 'title'>>;
  learners: Array<{ prefix: string; cells: Record<string, Cell>; errors: Record<string, string> }>;
}

/** Every learner the cluster holds (from the workshop's labels), checked against every step at once. */
export async function computeProgress(host: Host, steps: readonly Step[] = NOTEBOOK_STEPS, latencies = new Latencies()): Promise<Progress> {
  const namespaces = await latencies.time('kube', () => preparedNamespaces(host.kube));
  const prefixes = [...new Set(namespaces.map((n) => n.learner).filter(Boolean))].sort();
  const learners = await Promise.all(
    prefixes.map(async (prefix) => ({
      prefix,
      ...(await learnerRow(steps, { prefix, name: (base) => labName(prefix, base), kube: host.kube, vault: host.vault, timed: (system, call) => latencies.time(system, call) })),
    })),
  );
  return { at: new Date().toISOString(), steps: steps.map(({ id, notebook, title }) => ({ id, notebook, title })), learners };
}

export interface DashboardOptions {
  /** Where to listen: 127.0.0.1 unless the host says otherwise. */
  address?: string;
  port?: number;
  steps?: readonly Step[];
  latencies?: Latencies;
}

/** Starts the page's server; requests that arrive while a computation runs share it. */
export async function startDashboard(host: Host, opts: DashboardOptions = {}): Promise<{ url: string; server: Server }> {
  let inFlight: Promise<Progress> | undefined;
  const progress = () => {
    inFlight ??= computeProgress(host, opts.steps, opts.latencies).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  const server = createServer((req, res) => {
    if (req.url === '/progress.json') {
      progress().then(
        (body) => res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body)),
        (error: unknown) => res.writeHead(502, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) })),
      );
      return;
    }
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(DASHBOARD_PAGE);
      return;
    }
    res.writeHead(404).end();
  });
  const address = opts.address ?? LOOPBACK;
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(opts.port ?? 0, address, ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${address.includes(':') ? `[${address}]` : address}:${port}/`, server };
}

/** The CLI's foreground dashboard: serves until Ctrl-C. */
export async function serveDashboard(host: Host, opts: DashboardOptions, announce: (url: string) => void): Promise<number> {
  const { url, server } = await startDashboard(host, opts);
  announce(url);
  await new Promise<void>((done) => process.once('SIGINT', done));
  server.close();
  return 0;
}
