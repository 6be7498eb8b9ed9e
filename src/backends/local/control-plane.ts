// The Docker-free backend: etcd, kube-apiserver and kube-controller-manager as processes on 127.0.0.1,
// with a PKI generated for this run (as controller-runtime's envtest does, plus the token controllers).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBinary } from '../../binaries/binaries.js';
import type { Steps } from '../../output/steps.js';
import { labDir } from '../../paths.js';
import { writePki } from '../../pki/files.js';
import { generatePki } from '../../pki/pki.js';
import { kubeconfigYaml } from '../../pki/kubeconfig-yaml.js';
import { LOOPBACK, freePort, requireFreePort } from '../../ports.js';
import { rawRequest, request } from '../../http.js';
import { launch, waitUntilReady, type ManagedProcess } from '../../processes.js';
import type { KubeEndpoint } from '../backend.js';

/** The issuer the API server signs service-account tokens with (the in-cluster name of the API). */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
const SERVICE_CIDR = '10.0.0.0/24';
/**
 * The controllers the lab needs: default ServiceAccounts, legacy token Secrets, namespace clean-up,
 * kube-root-ca.crt, and the resource quotas a workshop puts on each learner's namespaces (without their
 * controller a quota has no status, and the API server refuses everything it covers).
 */
const CONTROLLERS = [
  'resourcequota-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'namespace-controller',
  'garbage-collector-controller',
  'root-ca-certificate-publisher-controller',
  'clusterrole-aggregation-controller',
];

export function etcdArgs(dataDir: string, clientPort: number, peerPort: number): string[] {
  const client = `http://${LOOPBACK}:${clientPort}`;
  const peer = `http://${LOOPBACK}:${peerPort}`;
  return [
    '--name=lab',
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=lab=${peer}`,
    '--unsafe-no-fsync=true',
    // One member on loopback: a 10 ms tick elects it leader in tens of milliseconds instead of hundreds.
    '--heartbeat-interval=10',
    '--election-timeout=100',
    '--log-level=warn',
  ];
}

export function apiServerArgs(o: {
  etcdPort: number;
  port: number;
  pki: Record<string, string>;
  certDir: string;
}): string[] {
  return [
    `--etcd-servers=http://${LOOPBACK}:${o.etcdPort}`,
    `--bind-address=${LOOPBACK}`,
    `--advertise-address=${LOOPBACK}`,
    `--secure-port=${o.port}`,
    `--cert-dir=${o.certDir}`,
    `--tls-cert-file=${o.pki.servingCert}`,
    `--tls-private-key-file=${o.pki.servingKey}`,
    `--client-ca-file=${o.pki.caCert}`,
    `--service-account-issuer=${SERVICE_ACCOUNT_ISSUER}`,
    `--service-account-key-file=${o.pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${o.pki.serviceAccountKey}`,
    '--authorization-mode=RBAC',
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    '--allow-privileged=true',
    '--enable-priority-and-fairness=false',
    '--endpoint-reconciler-type=none',
    '--v=1',
  ];
}

export function controllerManagerArgs(o: { kubeconfig: string; pki: Record<string, string> }): string[] {
  return [
    `--kubeconfig=${o.kubeconfig}`,
    `--service-account-private-key-file=${o.pki.serviceAccountKey}`,
    `--root-ca-file=${o.pki.caCert}`,
    `--controllers=${CONTROLLERS.join(',')}`,
    '--use-service-account-credentials=true',
    '--leader-elect=false',
    '--secure-port=0',
    '--v=1',
  ];
}

/**
 * Starts the local control plane; every process it starts is pushed to `started` at once, so a failure can stop it.
 */
export async function startLocal(
  progress: Pick<Steps, 'step'>,
  started: ManagedProcess[],
  apiPort?: number,
): Promise<KubeEndpoint> {
  if (apiPort) await requireFreePort(apiPort, 'kube-apiserver');
  const [etcd, apiserver, controllerManager] = await progress.step('Finding server binaries', () =>
    Promise.all([ensureBinary('etcd'), ensureBinary('kube-apiserver'), ensureBinary('kube-controller-manager')]),
  );
  const logs = join(labDir(), 'logs');
  mkdirSync(logs, { recursive: true });

  const [etcdPort, peerPort, port] = [await freePort(), await freePort(), apiPort ?? (await freePort())];
  const server = `https://${LOOPBACK}:${port}`;

  // etcd needs no certificate, so it starts while they are generated.
  const etcdProc = launch(
    'etcd',
    etcd,
    etcdArgs(join(labDir(), 'etcd'), etcdPort, peerPort),
    join(logs, 'etcd.log'),
    etcdPort,
  );
  started.push(etcdProc);
  const etcdReady = waitUntilReady(
    etcdProc,
    async () => (await request(`http://${LOOPBACK}:${etcdPort}/health`, { timeoutMs: 2000 })).status === 200,
    30_000,
  );
  etcdReady.catch(() => undefined); // awaited in its own step; this only keeps an early failure from going unhandled
  const { pki, files } = await progress.step('Generating certificates and the service-account key', async () => {
    const pki = await generatePki();
    return { pki, files: await writePki(join(labDir(), 'pki'), pki) };
  });
  const target = { server, ca: pki.caCert };
  await progress.step(`Starting etcd on ${LOOPBACK}:${etcdPort}`, () => etcdReady);

  await progress.step(`Starting kube-apiserver on ${server}`, async () => {
    const args = apiServerArgs({ etcdPort, port, pki: files, certDir: join(labDir(), 'apiserver') });
    const proc = launch('kube-apiserver', apiserver, args, join(logs, 'kube-apiserver.log'), port);
    started.push(proc);
    await waitUntilReady(
      proc,
      async () =>
        (
          await rawRequest(target, {
            method: 'GET',
            path: '/readyz',
            cert: pki.adminCert,
            key: pki.adminKey,
            timeoutMs: 2000,
          })
        ).status === 200,
      90_000,
      'kube-apiserver /readyz',
    );
  });

  const kubeconfig = join(labDir(), 'kubeconfig');
  writeFileSync(
    kubeconfig,
    kubeconfigYaml({ server, caCert: pki.caCert, clientCert: pki.adminCert, clientKey: pki.adminKey }),
    { mode: 0o600 },
  );
  const kcmConfig = join(labDir(), 'controller-manager.kubeconfig');
  writeFileSync(
    kcmConfig,
    kubeconfigYaml({
      server,
      caCert: pki.caCert,
      clientCert: pki.controllerManagerCert,
      clientKey: pki.controllerManagerKey,
      userName: 'kube-controller-manager',
    }),
    { mode: 0o600 },
  );

  await progress.step('Starting kube-controller-manager (service-account and token controllers)', async () => {
    const proc = launch(
      'kube-controller-manager',
      controllerManager,
      controllerManagerArgs({ kubeconfig: kcmConfig, pki: files }),
      join(logs, 'kube-controller-manager.log'),
    );
    started.push(proc);
    // The serviceaccount controller creating "default" in "default" proves the controllers run.
    await waitUntilReady(
      proc,
      async () =>
        (
          await rawRequest(target, {
            method: 'GET',
            path: '/api/v1/namespaces/default/serviceaccounts/default',
            cert: pki.adminCert,
            key: pki.adminKey,
            timeoutMs: 2000,
          })
        ).status === 200,
      60_000,
      'the default ServiceAccount',
    );
  });

  return { kubeconfig, kubeServer: server, kubeCaFile: files.caCert };
}
