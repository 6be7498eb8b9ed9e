// Request latency on the running lab: TokenReview and a Vault Kubernetes login, each through the lab's own
// client, beside the cheapest request the same server answers over a bare keep-alive connection.
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { setup, untilStatus, type Lab } from '../../src/notebook/session.js';
import { postTokenReview, tokenReviewBody, TOKENREVIEW_PATH } from '../../src/tokenreview.js';
import type { Row } from './report.js';
import { latency, timed } from './stats.js';

const NAMESPACE = 'lab-bench';
const SA = { namespace: NAMESPACE, name: 'reviewer' };
const BINDING = 'lab-bench-reviewer-auth-delegator';
const MOUNT = 'lab-bench-kubernetes';

async function samples(count: number, call: () => Promise<{ status: number }>, expected: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const { ms, value } = await timed(call);
    if (value.status !== expected) throw new Error(`a measured request answered ${value.status}, not ${expected}`);
    out.push(ms);
  }
  return out;
}

/** One request over a keep-alive agent with nothing around it: node's https/http module and the socket. */
function bare(
  url: string,
  opts: { method: string; headers?: Record<string, string>; body?: string; ca?: string; agent: HttpsAgent | HttpAgent },
) {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise<{ status: number }>((resolve, reject) => {
    const req = send(
      url,
      { method: opts.method, headers: opts.headers, ca: opts.ca, agent: opts.agent as HttpsAgent },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function prepare(lab: Lab): Promise<string> {
  await lab.kube.ensureNamespace(NAMESPACE);
  await lab.kube.ensureServiceAccount(SA);
  await lab.kube.bindClusterRole(BINDING, SA);
  const token = await lab.kube.requestToken(SA, { expirationSeconds: 3600 });
  await untilStatus(201, () => postTokenReview(lab.api, { token }));
  await lab.vault.enableKubernetesAuth(MOUNT);
  await lab.vault.configureKubernetes({ kubernetesHost: lab.state.kubeServer, kubernetesCaCert: lab.api.ca }, MOUNT);
  await lab.vault.writeRole(
    'bench',
    { boundServiceAccountNames: [SA.name], boundServiceAccountNamespaces: [NAMESPACE] },
    MOUNT,
  );
  return token;
}

export async function latencyRows(count: number, log: (line: string) => void): Promise<Row[]> {
  const lab = await setup();
  const https = new HttpsAgent({ keepAlive: true });
  const http = new HttpAgent({ keepAlive: true });
  try {
    log(`latency: ${count} requests per row`);
    const token = await prepare(lab);
    const body = JSON.stringify(tokenReviewBody(token));
    const headers = {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    };
    const bareReview = () =>
      bare(new URL(TOKENREVIEW_PATH, lab.api.server).toString(), {
        method: 'POST',
        headers,
        body,
        ca: lab.api.ca,
        agent: https,
      });
    const health = `${lab.vault.addr}/v1/sys/health`;
    const floorReview = {
      name: 'same POST, bare https keep-alive',
      value: latency(await samples(count, bareReview, 201)),
    };
    const floorHealth = {
      name: 'GET sys/health, bare http keep-alive',
      value: latency(await samples(count, () => bare(health, { method: 'GET', agent: http }), 200)),
    };
    return [
      {
        group: 'latency',
        name: 'TokenReview, lab.kube.createTokenReview (client-node)',
        unit: 'ms',
        value: latency(
          await samples(
            count,
            async () =>
              (await lab.kube.createTokenReview(token)).status?.authenticated ? { status: 201 } : { status: 0 },
            201,
          ),
        ),
        floor: floorReview,
      },
      {
        group: 'latency',
        name: 'TokenReview, postTokenReview (raw https, as curl)',
        unit: 'ms',
        value: latency(await samples(count, () => postTokenReview(lab.api, { token }), 201)),
        floor: floorReview,
      },
      {
        group: 'latency',
        name: 'Vault Kubernetes login (lab.vault.login)',
        unit: 'ms',
        value: latency(await samples(count, () => lab.vault.login('bench', token, MOUNT), 200)),
        floor: floorHealth,
      },
    ];
  } finally {
    https.destroy();
    http.destroy();
    const warn = (what: string) => (error: unknown) => log(`clean-up: ${what} failed: ${String(error)}`);
    await lab.vault.disableAuth(MOUNT).catch(warn(`vault auth disable ${MOUNT}`));
    await lab.kube.unbindClusterRole(BINDING).catch(warn(`kubectl delete clusterrolebinding ${BINDING}`));
    await lab.kube.deleteNamespace(NAMESPACE).catch(warn(`kubectl delete namespace ${NAMESPACE}`));
  }
}
