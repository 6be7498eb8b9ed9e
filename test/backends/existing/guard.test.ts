import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARNER_LABEL, WORKSHOP_LABEL, checkContext } from '../../../src/backends/existing/guard.js';

// A stand-in API server that knows one namespace, ada-workshop, with the labels NS_LABELS says.
let labels: Record<string, string> = {};
let requests: string[] = [];
let server: Server;
let config: KubeConfig;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/api/v1/namespaces/ada-workshop')
      return res.end(
        JSON.stringify({
          kind: 'Namespace',
          apiVersion: 'v1',
          metadata: { name: 'ada-workshop', uid: 'uid-1', labels },
        }),
      );
    res.statusCode = 404;
    res.end(JSON.stringify({ kind: 'Status', code: 404, reason: 'NotFound' }));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      { name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true },
    ],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'shared', cluster: 'c', user: 'u' }],
    currentContext: 'shared',
  });
});
afterAll(() => server.close());

const marked = { [WORKSHOP_LABEL]: 'prepared', [LEARNER_LABEL]: 'ada' };

describe('checkContext', () => {
  it('allows the context --allow-context names, without asking the cluster', async () => {
    requests = [];
    await expect(checkContext(config, { context: 'shared', allowContext: 'shared', prefix: '' })).resolves.toBe(
      'allowed by flag',
    );
    expect(requests).toEqual([]);
  });

  it('refuses when --allow-context names another context', async () => {
    await expect(checkContext(config, { context: 'shared', allowContext: 'prod', prefix: '' })).rejects.toThrow(
      'Refusing kubeconfig context "shared": --allow-context names "prod" instead; nothing was changed.',
    );
  });

  it("allows the learner's marked namespace, and only reads", async () => {
    labels = marked;
    requests = [];
    await expect(checkContext(config, { context: 'shared', prefix: 'ada', marker: 'uid-1' })).resolves.toBe('marked');
    expect(requests).toEqual(['GET /api/v1/namespaces/ada-workshop']);
  });

  it('refuses a context without the marker, with its labels wrong, or made for another cluster', async () => {
    labels = marked;
    await expect(checkContext(config, { context: 'shared', prefix: 'bob' })).rejects.toThrow(
      /^Refusing kubeconfig context "shared": the workshop marker \(namespace bob-workshop\) cannot be read there \(HTTP 404\); nothing was changed\./,
    );
    labels = { [WORKSHOP_LABEL]: 'prepared', [LEARNER_LABEL]: 'eve' };
    await expect(checkContext(config, { context: 'shared', prefix: 'ada' })).rejects.toThrow(
      'namespace ada-workshop is not a workshop marker for learner "ada"',
    );
    labels = marked;
    await expect(
      checkContext(config, { context: 'shared', prefix: 'ada', marker: 'uid-from-elsewhere' }),
    ).rejects.toThrow('is not the one this env bundle was made for');
  });
});
