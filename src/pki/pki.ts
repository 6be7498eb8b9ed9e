// The lab's certificates and keys: one CA that kube-apiserver, its clients and Vault all trust.
import { KeyObject, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import { promiseCache } from '../cache.js';
import { LabError } from '../errors.js';

type X509 = typeof import('@peculiar/x509');

/** Every PEM the local control plane needs; Vault's kubernetes auth only needs `caCert`. */
export interface LabPki {
  caCert: string;
  caKey: string;
  /** kube-apiserver's serving certificate (--tls-cert-file). */
  servingCert: string;
  servingKey: string;
  /** A client certificate in system:masters, for the lab's own kubectl and setup calls. */
  adminCert: string;
  adminKey: string;
  /** kube-controller-manager's client certificate; RBAC knows the user system:kube-controller-manager. */
  controllerManagerCert: string;
  controllerManagerKey: string;
  /**
   * Signs service-account tokens (PKCS#8 PEM): --service-account-signing-key-file,
   * --service-account-private-key-file.
   */
  serviceAccountKey: string;
  /** Verifies service-account tokens (SPKI PEM): --service-account-key-file. */
  serviceAccountPub: string;
}

export interface PkiOptions {
  /** Extra names or IPs for the serving certificate, added to the defaults. */
  hosts?: string[];
  /** How long every certificate stays valid; 30 days unless set. */
  validityDays?: number;
}

/**
 * The names kube-apiserver answers to: localhost, the in-cluster service names, 127.0.0.1 and the first service IP.
 */
export const defaultServingHosts: readonly string[] = [
  'localhost',
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
  '127.0.0.1',
  // The first address of kube-apiserver's default --service-cluster-ip-range (10.0.0.0/24).
  '10.0.0.1',
];

const DEFAULT_VALIDITY_DAYS = 30;
// Backdated so a clock that is a little behind does not reject a certificate minted a moment ago.
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
// ECDSA P-256: fast to generate, and accepted by kube-apiserver for serving, client and service-account keys.
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const EC_SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

const x509Loaded = promiseCache<'x509', X509>();

/**
 * Loads @peculiar/x509 once; it resolves algorithms through tsyringe, which needs the Reflect metadata polyfill
 * first.
 */
function loadX509(): Promise<X509> {
  return x509Loaded('x509', async () => {
    await import('reflect-metadata');
    const x509 = await import('@peculiar/x509');
    x509.cryptoProvider.set(webcrypto);
    return x509;
  });
}

interface Issued {
  cert: string;
  key: string;
}

interface Issuer {
  x509: X509;
  ca: InstanceType<X509['X509Certificate']>;
  caKeys: webcrypto.CryptoKeyPair;
  notBefore: Date;
  notAfter: Date;
}

/** Mints the whole lab PKI in memory; `writePki` puts it on disk for the control plane's flags. */
export async function generatePki(opts: PkiOptions = {}): Promise<LabPki> {
  const validityDays = opts.validityDays ?? DEFAULT_VALIDITY_DAYS;
  if (!Number.isFinite(validityDays) || validityDays <= 0) {
    throw new LabError(
      `Certificate validity must be a positive number of days, got ${validityDays}.`,
      'Pass validityDays > 0, or leave it out for 30 days.',
    );
  }
  const x509 = await loadX509();
  const now = Date.now();
  const notBefore = new Date(now - CLOCK_SKEW_MS);
  const notAfter = new Date(now + validityDays * DAY_MS);

  const caKeys = await newKeyPair();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: [{ CN: ['auth-delegator-lab-ca'] }],
    keys: caKeys,
    signingAlgorithm: EC_SIGNING,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const issuer: Issuer = { x509, ca, caKeys, notBefore, notAfter };

  const hosts = [...new Set([...defaultServingHosts, ...(opts.hosts ?? [])])];
  const [serving, admin, controllerManager, serviceAccount] = await Promise.all([
    issue(issuer, [{ CN: ['kube-apiserver'] }], x509.ExtendedKeyUsage.serverAuth, hosts),
    issue(issuer, [{ O: ['system:masters'] }, { CN: ['lab-admin'] }], x509.ExtendedKeyUsage.clientAuth),
    issue(issuer, [{ CN: ['system:kube-controller-manager'] }], x509.ExtendedKeyUsage.clientAuth),
    newKeyPair(),
  ]);

  return {
    caCert: ca.toString('pem') + '\n',
    caKey: privateKeyPem(caKeys.privateKey),
    servingCert: serving.cert,
    servingKey: serving.key,
    adminCert: admin.cert,
    adminKey: admin.key,
    controllerManagerCert: controllerManager.cert,
    controllerManagerKey: controllerManager.key,
    serviceAccountKey: privateKeyPem(serviceAccount.privateKey),
    serviceAccountPub: publicKeyPem(serviceAccount.publicKey),
  };
}

/** Issues one leaf certificate signed by the lab CA; `hosts` become DNS or IP subject alternative names. */
async function issue(
  { x509, ca, caKeys, notBefore, notAfter }: Issuer,
  subject: Array<Record<string, string[]>>,
  usage: string,
  hosts: string[] = [],
): Promise<Issued> {
  const keys = await newKeyPair();
  const extensions: Array<InstanceType<X509['Extension']>> = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([usage]),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
  ];
  if (hosts.length > 0) {
    const names = hosts.map((value) => ({ type: isIP(value) ? x509.IP : x509.DNS, value }));
    extensions.push(new x509.SubjectAlternativeNameExtension(names));
  }
  const cert = await x509.X509CertificateGenerator.create({
    subject,
    issuer: ca.subject,
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: EC_SIGNING,
    notBefore,
    notAfter,
    extensions,
  });
  return { cert: cert.toString('pem') + '\n', key: privateKeyPem(keys.privateKey) };
}

function newKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
}

// PKCS#8 ("PRIVATE KEY") is one of the three headers client-go's keyutil.ParsePrivateKeyPEM accepts.
function privateKeyPem(key: webcrypto.CryptoKey): string {
  return KeyObject.from(key).export({ type: 'pkcs8', format: 'pem' }).toString();
}

function publicKeyPem(key: webcrypto.CryptoKey): string {
  return KeyObject.from(key).export({ type: 'spki', format: 'pem' }).toString();
}
