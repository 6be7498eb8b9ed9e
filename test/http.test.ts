// The one HTTP client: answers come back as they are, and a request with no answer is a LabError that names
// the method, the URL, what the network said and the fix.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { LabError } from '../src/errors.js';
import { rawRequest, request } from '../src/http.js';
import { generatePki, type LabPki } from '../src/pki/pki.js';

/** Starts a server on a free loopback port and closes it when the test ends. */
async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let lab: LabPki;
let other: LabPki;
beforeAll(async () => {
  [lab, other] = await Promise.all([generatePki(), generatePki()]);
}, 60_000);

describe('request', () => {
  it('returns a 4xx answer with its status, headers and parsed body', async () => {
    const port = await listen(
      createHttpServer((_req, res) =>
        res.writeHead(403, { 'content-type': 'application/json' }).end('{"errors":["permission denied"]}'),
      ),
    );
    const res = await request(`http://127.0.0.1:${port}/v1/auth/kubernetes/login`, { method: 'POST', body: '{}' });
    expect(res).toMatchObject({ method: 'POST', status: 403, json: { errors: ['permission denied'] } });
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('follows redirects only when asked', async () => {
    const port = await listen(
      createHttpServer((req, res) =>
        req.url === '/old' ? res.writeHead(302, { location: '/new' }).end() : res.end(`at ${req.url}`),
      ),
    );
    expect((await request(`http://127.0.0.1:${port}/old`)).status).toBe(302);
    expect((await request(`http://127.0.0.1:${port}/old`, { maxRedirects: 1 })).text).toBe('at /new');
  });

  it('names method, URL and ECONNREFUSED when nothing listens, with the fix', async () => {
    const port = await closedPort();
    const error = await request(`http://127.0.0.1:${port}/v1/sys/health`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toMatch(
      new RegExp(`^GET http://127.0.0.1:${port}/v1/sys/health failed: .*ECONNREFUSED`),
    );
    expect((error as LabError).fix).toContain('npm run lab -- status');
  });

  it('gives up on a server that never answers, saying so', async () => {
    const port = await listen(createHttpServer(() => undefined));
    const error = await request(`http://127.0.0.1:${port}/slow`, { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toContain(`GET http://127.0.0.1:${port}/slow failed: no answer within 0.2s`);
  });
});

describe('rawRequest (curl against the API server)', () => {
  it("trusts the lab's CA and sends the bearer token", async () => {
    const server = createHttpsServer({ cert: lab.servingCert, key: lab.servingKey }, (req, res) =>
      res.end(JSON.stringify({ auth: req.headers.authorization })),
    );
    const port = await listen(server as unknown as Server);
    const res = await rawRequest(
      { server: `https://127.0.0.1:${port}`, ca: lab.caCert },
      { method: 'GET', path: '/readyz', token: 'abc' },
    );
    expect(res).toMatchObject({ status: 200, json: { auth: 'Bearer abc' }, url: `https://127.0.0.1:${port}/readyz` });
  });

  it('turns a certificate from another CA into a LabError naming the request and the certificate problem', async () => {
    const server = createHttpsServer({ cert: lab.servingCert, key: lab.servingKey }, (_req, res) => res.end('ok'));
    const port = await listen(server as unknown as Server);
    const error = await rawRequest(
      { server: `https://127.0.0.1:${port}`, ca: other.caCert },
      { method: 'GET', path: '/readyz' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toMatch(/^GET https:\/\/127\.0\.0\.1:\d+\/readyz failed: .*certificate/);
    expect((error as LabError).fix).toContain('not signed by the CA the lab has on record');
  });

  it('turns a refused connection into a LabError (not a raw Node error)', async () => {
    const port = await closedPort();
    const error = await rawRequest(
      { server: `https://127.0.0.1:${port}`, ca: lab.caCert },
      { method: 'POST', path: '/apis/authentication.k8s.io/v1/tokenreviews', body: {} },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toContain(
      `POST https://127.0.0.1:${port}/apis/authentication.k8s.io/v1/tokenreviews failed: connect ECONNREFUSED`,
    );
  });
});
