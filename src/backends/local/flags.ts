// The flags the local backend starts its servers with: etcd, kube-apiserver (RBAC, a service-account issuer,
// the lab's PKI) and kube-controller-manager (only the controllers the lab needs). Pure, so tests read them.
import { LOOPBACK } from '../../ports.js';

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
