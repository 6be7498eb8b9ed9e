// Kubeconfig files for the lab: the admin's certificate one, and token ones for service accounts.
import { X509Certificate } from 'node:crypto';
import { stringify } from 'yaml';
import { LabError } from '../errors.js';
import { decodeJwt, isJwt } from '../jwt.js';

const DEFAULT_CLUSTER = 'auth-delegator-lab';

interface KubeconfigBase {
  /** The kube-apiserver URL, e.g. https://127.0.0.1:6443. */
  server: string;
  /** The CA PEM that signed kube-apiserver's serving certificate. */
  caCert: string;
  /** Defaults to 'auth-delegator-lab'. */
  clusterName?: string;
  userName?: string;
  /** Defaults to `${userName}@${clusterName}`, as kubeadm names its contexts. */
  contextName?: string;
  /** The context's namespace: where `kubectl` acts when no -n is given. */
  namespace?: string;
}

export interface CertKubeconfigOptions extends KubeconfigBase {
  clientCert: string;
  clientKey: string;
}

export interface TokenKubeconfigOptions extends KubeconfigBase {
  /** A bearer token, usually a service-account JWT. */
  token: string;
}

/**
 * A kubeconfig that authenticates with a client certificate, like kubeadm's admin.conf; user defaults to the cert's
 * CN.
 */
export function kubeconfigYaml(opts: CertKubeconfigOptions): string {
  const cn = commonName(opts.clientCert);
  requirePem('clientKey', opts.clientKey, 'PRIVATE KEY');
  return render(opts, opts.userName ?? cn, {
    'client-certificate-data': base64(opts.clientCert),
    'client-key-data': base64(opts.clientKey),
  });
}

/**
 * A kubeconfig that authenticates with a bearer token, so kubectl can act as a service account; user defaults to the
 * token's subject.
 */
export function tokenKubeconfigYaml(opts: TokenKubeconfigOptions): string {
  if (!opts.token.trim()) {
    throw new LabError(
      'The token for the kubeconfig is empty.',
      'Pass a service-account token, e.g. from `kubectl create token <name>`.',
    );
  }
  return render(opts, opts.userName ?? tokenSubject(opts.token) ?? 'service-account', { token: opts.token.trim() });
}

function render(opts: KubeconfigBase, userName: string, user: Record<string, string>): string {
  if (!/^https:\/\/\S+$/.test(opts.server)) {
    throw new LabError(
      `The kubeconfig server must be an https:// URL, got "${opts.server}".`,
      'Pass the kube-apiserver URL, e.g. https://127.0.0.1:6443.',
    );
  }
  requirePem('caCert', opts.caCert, 'CERTIFICATE');
  const clusterName = opts.clusterName ?? DEFAULT_CLUSTER;
  const contextName = opts.contextName ?? `${userName}@${clusterName}`;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: clusterName, cluster: { server: opts.server, 'certificate-authority-data': base64(opts.caCert) } },
    ],
    users: [{ name: userName, user }],
    contexts: [
      {
        name: contextName,
        context: { cluster: clusterName, user: userName, ...(opts.namespace ? { namespace: opts.namespace } : {}) },
      },
    ],
    'current-context': contextName,
    preferences: {},
  };
  // lineWidth 0: never fold the long base64 and JWT values.
  return stringify(config, { lineWidth: 0 });
}

function requirePem(field: string, pem: string, label: string): void {
  const pattern = new RegExp(`-----BEGIN [A-Z ]*${label}-----[\\s\\S]+-----END [A-Z ]*${label}-----`);
  if (!pattern.test(pem)) {
    throw new LabError(
      `The kubeconfig's ${field} is not a PEM ${label}.`,
      `Pass the PEM text (starting "-----BEGIN ... ${label}-----"), not a file path.`,
    );
  }
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

// Kubernetes takes a client certificate's CN as the user name, so the kubeconfig entry says who you are.
function commonName(pem: string): string {
  requirePem('clientCert', pem, 'CERTIFICATE');
  let subject: string;
  try {
    subject = new X509Certificate(pem).subject;
  } catch (error) {
    throw new LabError(
      "The kubeconfig's clientCert does not parse as an X.509 certificate.",
      'Pass the certificate PEM from generatePki().',
      { cause: error },
    );
  }
  return /^CN=(.+)$/m.exec(subject)?.[1] ?? 'lab-user';
}

// A service-account JWT names its user in `sub` (system:serviceaccount:<namespace>:<name>); no signature check here.
function tokenSubject(token: string): string | undefined {
  if (!isJwt(token.trim())) return undefined;
  const sub = decodeJwt(token).claims.sub;
  return typeof sub === 'string' && sub ? sub : undefined;
}
