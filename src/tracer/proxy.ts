// The TokenReview tracer: a small TLS proxy between Vault and the API server. Vault's kubernetes_host points at
// it and trusts its CA; it passes every request on unchanged, with the caller's own Authorization and nothing of
// its own, and keeps a TraceEntry for each TokenReview (trace.ts). It listens until stop(), in the process that
// started it (a notebook's kernel).
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from '../http.js';
import { generatePki } from '../pki/pki.js';
import { TOKENREVIEW_PATH } from '../tokenreview.js';
import { TraceLog, type TraceEntry } from './trace.js';

export interface TracerOptions {
  /** The API server the tracer passes requests on to, and the CA that signed its certificate. */
  upstream: { server: string; ca: string };
  /** The address it listens on: 127.0.0.1 for a Vault on this machine. */
  listen: string;
}

export interface Tracer {
  /** What Vault's kubernetes_host is set to. */
  readonly url: string;
  /** The CA of the tracer's own certificate: Vault's kubernetes_ca_cert. */
  readonly ca: string;
  /** Every TokenReview so far, oldest first. */
  readonly entries: readonly TraceEntry[];
  stop(): Promise<void>;
}

/** Headers a proxy sets itself for each hop (RFC 9110 7.6.1), never passed on. */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function passOn(upstream: TracerOptions['upstream'], log: TraceLog) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now();
    try {
      const body = await readAll(req);
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([k, v]) => (HOP.has(k) || v === undefined ? [] : [[k, String(v)]])),
      );
      const answer = await request(`${upstream.server}${req.url ?? '/'}`, {
        method: req.method,
        headers: { ...headers, 'content-length': String(body.length) },
        body: body.length ? body.toString('utf8') : undefined,
        ca: upstream.ca,
        timeoutMs: 30_000,
      });
      if (req.method === 'POST' && (req.url ?? '').split('?')[0] === TOKENREVIEW_PATH) {
        const exchange = { authorization: req.headers.authorization, requestBody: body.toString('utf8') };
        log.add({ ...exchange, status: answer.status, responseBody: answer.text }, started, Date.now());
      }
      const out = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !HOP.has(k)));
      res.writeHead(answer.status, { ...out, 'content-length': Buffer.byteLength(answer.text) });
      res.end(answer.text);
    } catch (error) {
      // What the API server did not answer, Vault sees as the tracer's 502, with the cause.
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`tracer: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };
}

/** Starts the tracer on a free port of `listen`, with a certificate of its own for that address. */
export async function startTracer(opts: TracerOptions): Promise<Tracer> {
  const pki = await generatePki({ hosts: [opts.listen], validityDays: 1 });
  const log = new TraceLog();
  const server: Server = createServer({ cert: pki.servingCert, key: pki.servingKey }, passOn(opts.upstream, log));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, opts.listen, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.listen.includes(':') ? `[${opts.listen}]` : opts.listen;
  return {
    url: `https://${host}:${port}`,
    ca: pki.caCert,
    entries: log.entries,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
