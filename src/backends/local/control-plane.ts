// The Docker-free backend's servers: etcd, kube-apiserver and kube-controller-manager as processes on
// 127.0.0.1, with a PKI generated for this run (as controller-runtime's envtest does, plus the token controllers).
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
import { apiServerArgs, controllerManagerArgs, etcdArgs } from './flags.js';

type Pki = Awaited<ReturnType<typeof generatePki>>;

/** GET PATH as the admin until it answers 200: how each server proves it is ready. */
const answers = (target: { server: string; ca: string }, pki: Pki, path: string) => async () =>
  (await rawRequest(target, { method: 'GET', path, cert: pki.adminCert, key: pki.adminKey, timeoutMs: 2000 }))
    .status === 200;

/** Launches etcd (it needs no certificate, so it starts while they are generated) and returns its wait. */
function launchEtcd(
  binary: string,
  started: ManagedProcess[],
  logs: string,
  port: number,
  peerPort: number,
): Promise<void> {
  const proc = launch('etcd', binary, etcdArgs(join(labDir(), 'etcd'), port, peerPort), join(logs, 'etcd.log'), port);
  started.push(proc);
  const health = async () => (await request(`http://${LOOPBACK}:${port}/health`, { timeoutMs: 2000 })).status === 200;
  const ready = waitUntilReady(proc, health, 30_000);
  ready.catch(() => undefined); // awaited in its own step; this only keeps an early failure from going unhandled
  return ready;
}

/** The admin's kubeconfig (for the learner and the notebooks) and the controller manager's; returns the admin's. */
function writeKubeconfigs(server: string, pki: Pki): { admin: string; controllerManager: string } {
  const admin = join(labDir(), 'kubeconfig');
  const kcm = {
    clientCert: pki.controllerManagerCert,
    clientKey: pki.controllerManagerKey,
    userName: 'kube-controller-manager',
  };
  writeFileSync(
    admin,
    kubeconfigYaml({ server, caCert: pki.caCert, clientCert: pki.adminCert, clientKey: pki.adminKey }),
    { mode: 0o600 },
  );
  const controllerManager = join(labDir(), 'controller-manager.kubeconfig');
  writeFileSync(controllerManager, kubeconfigYaml({ server, caCert: pki.caCert, ...kcm }), { mode: 0o600 });
  return { admin, controllerManager };
}

/** Starts the local control plane; every process it starts is pushed to `started` at once, so a failure can stop it. */
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
  const etcdReady = launchEtcd(etcd, started, logs, etcdPort, peerPort);
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
    await waitUntilReady(proc, answers(target, pki, '/readyz'), 90_000, 'kube-apiserver /readyz');
  });
  const kubeconfigs = writeKubeconfigs(server, pki);
  await progress.step('Starting kube-controller-manager (service-account and token controllers)', async () => {
    const args = controllerManagerArgs({ kubeconfig: kubeconfigs.controllerManager, pki: files });
    const proc = launch('kube-controller-manager', controllerManager, args, join(logs, 'kube-controller-manager.log'));
    started.push(proc);
    // The serviceaccount controller creating "default" in "default" proves the controllers run.
    const defaultAccount = answers(target, pki, '/api/v1/namespaces/default/serviceaccounts/default');
    await waitUntilReady(proc, defaultAccount, 60_000, 'the default ServiceAccount');
  });
  return { kubeconfig: kubeconfigs.admin, kubeServer: server, kubeCaFile: files.caCert };
}
