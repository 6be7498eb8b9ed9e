// `workshop dashboard`: a page for the host with one row per learner and one column per step, computed
// live from the shared cluster and Vault each time the page asks (every few seconds). It reads as the
// host, so it serves 127.0.0.1 and answers only requests addressed to it there; served on another
// address it asks for a token that only the printed URL carries.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from '../../ports.js';
import { labName } from '../names.js';
import { readRecord } from './host-record.js';
import type { Host } from './host.js';
import { Latencies } from './latency.js';
import { DASHBOARD_PAGE } from './page.js';
import { NOTEBOOK_STEPS, learnerRow, type Cell, type Step } from './dashboard-steps.js';

export interface Progress {
  at: string;
  steps: Array<Pick<Step, 'id' | 'notebook' | 'title'>>;
  learners: Array<{
    prefix: string;
    cells: Record<string, Cell>;
    errors: Record<string, string>;
    /** A cell's text beside its mark (the incident's causes named and the time it took). */
    notes: Record<string, string>;
  }>;
}

/** Every learner the host's record holds, checked against every step at once. */
export async function computeProgress(
  host: Host,
  steps: readonly Step[] = NOTEBOOK_STEPS,
  latencies = new Latencies(),
): Promise<Progress> {
  const record = await latencies.time('kube', () => readRecord(host.kube));
  const prefixes = [...(record?.learners ?? [])].sort();
  const learners = await Promise.all(
    prefixes.map(async (prefix) => ({
      prefix,
      ...(await learnerRow(steps, {
        prefix,
        name: (base) => labName(prefix, base),
        kube: host.kube,
        vault: host.vault,
        timed: (system, call) => latencies.time(system, call),
      })),
    })),
  );
  return {
    at: new Date().toISOString(),
    steps: steps.map(({ id, notebook, title }) => ({ id, notebook, title })),
    learners,
  };
}

export interface DashboardOptions {
  /** Where to listen: 127.0.0.1 unless the host says otherwise, and then a token is required. */
  address?: string;
  port?: number;
  steps?: readonly Step[];
  latencies?: Latencies;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * True when the request may see the page: it carries the token, or (with none) names this machine in its Host header.
 */
export function admitted(
  req: Pick<IncomingMessage, 'url' | 'headers'>,
  port: number,
  token: string | undefined,
): boolean {
  if (token) {
    const given = Buffer.from(new URL(req.url ?? '/', 'http://dashboard').searchParams.get('token') ?? '');
    const wanted = Buffer.from(token);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  // A page on another site cannot make a browser send it: DNS rebinding sends that site's own name instead.
  return LOOPBACK_NAMES.some((name) => req.headers.host === `${name}:${port}`);
}

/** Starts the page's server; requests that arrive while a computation runs share it. */
export async function startDashboard(
  host: Host,
  opts: DashboardOptions = {},
): Promise<{ url: string; server: Server }> {
  let inFlight: Promise<Progress> | undefined;
  const progress = () => {
    inFlight ??= computeProgress(host, opts.steps, opts.latencies).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
  const address = opts.address ?? LOOPBACK;
  const token = opts.address === undefined ? undefined : randomBytes(24).toString('hex');
  let port = 0;
  const server = createServer((req, res) => {
    if (!admitted(req, port, token)) {
      res
        .writeHead(403, { 'Content-Type': 'text/plain' })
        .end('This dashboard answers only the URL `workshop dashboard` printed.\n');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://dashboard').pathname;
    if (path === '/progress.json') {
      progress().then(
        (body) =>
          res
            .writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
            .end(JSON.stringify(body)),
        (error: unknown) =>
          res
            .writeHead(502, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) })),
      );
      return;
    }
    if (path === '/' || path === '/index.html') {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Referrer-Policy': 'no-referrer' })
        .end(DASHBOARD_PAGE);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(opts.port ?? 0, address, ok));
  port = (server.address() as AddressInfo).port;
  const hostPart = address.includes(':') ? `[${address}]` : address;
  return { url: `http://${hostPart}:${port}/${token ? `?token=${token}` : ''}`, server };
}

/** The CLI's foreground dashboard: serves until Ctrl-C. */
export async function serveDashboard(
  host: Host,
  opts: DashboardOptions,
  announce: (url: string) => void,
): Promise<number> {
  const { url, server } = await startDashboard(host, opts);
  announce(url);
  await new Promise<void>((done) => process.once('SIGINT', done));
  server.close();
  return 0;
}
