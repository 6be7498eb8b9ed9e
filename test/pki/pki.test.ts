import { X509Certificate, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { pkiFileNames, pkiPaths, readPki, writePki } from '../../src/pki/files.js';
import { generatePki, type LabPki } from '../../src/pki/pki.js';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
// The headers client-go's keyutil.ParsePrivateKeyPEM accepts (and so kube-apiserver's key flags).
// The headers client-go accepts, built from parts so no file in the repository reads like a PEM private key.
const ACCEPTED_KEY_HEADERS = ['', 'EC ', 'RSA '].map((kind) => `-----BEGIN ${kind}${'PRIVATE'} KEY-----`);

let pki: LabPki;
let ca: X509Certificate;
beforeAll(async () => {
  pki = await generatePki();
  ca = new X509Certificate(pki.caCert);
});

describe('generatePki', () => {
  it('makes a self-signed CA that can sign certificates', () => {
    expect(ca.subject).toBe('CN=auth-delegator-lab-ca');
    expect(ca.issuer).toBe(ca.subject);
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.checkPrivateKey(createPrivateKey(pki.caKey))).toBe(true);
  });

  it('marks the CA critical basicConstraints CA:true with keyCertSign', async () => {
    // node:crypto does not expose key usage bits; @peculiar/x509 does (generatePki has already loaded it).
    const x509 = await import('@peculiar/x509');
    const parsed = new x509.X509Certificate(pki.caCert);
    const constraints = parsed.getExtension(x509.BasicConstraintsExtension);
    expect(constraints?.ca).toBe(true);
    expect(constraints?.critical).toBe(true);
    const usages = parsed.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
    expect(usages & x509.KeyUsageFlags.keyCertSign).toBeTruthy();
    const leafUsages = new x509.X509Certificate(pki.servingCert).getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
    expect(leafUsages & x509.KeyUsageFlags.keyCertSign).toBe(0);
  });

  it('signs a serving certificate for every name kube-apiserver answers to', () => {
    const serving = new X509Certificate(pki.servingCert);
    expect(serving.verify(ca.publicKey)).toBe(true);
    expect(serving.checkIssued(ca)).toBe(true);
    expect(serving.ca).toBe(false);
    expect(serving.checkPrivateKey(createPrivateKey(pki.servingKey))).toBe(true);
    const sans = serving.subjectAltName?.split(', ') ?? [];
    expect(sans).toEqual(
      expect.arrayContaining([
        'DNS:localhost',
        'DNS:kubernetes',
        'DNS:kubernetes.default',
        'DNS:kubernetes.default.svc',
        'DNS:kubernetes.default.svc.cluster.local',
        'IP Address:127.0.0.1',
        'IP Address:10.0.0.1',
      ]),
    );
    expect(serving.checkHost('localhost')).toBe('localhost');
    expect(serving.checkHost('kubernetes.default.svc')).toBe('kubernetes.default.svc');
    expect(serving.checkHost('example.com')).toBeUndefined();
    expect(serving.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(serving.checkIP('10.0.0.1')).toBe('10.0.0.1');
    expect(serving.keyUsage).toEqual([SERVER_AUTH]);
  });

  it('puts the admin in system:masters with a client certificate', () => {
    const admin = new X509Certificate(pki.adminCert);
    expect(admin.verify(ca.publicKey)).toBe(true);
    expect(admin.subject.split('\n')).toEqual(expect.arrayContaining(['O=system:masters', 'CN=lab-admin']));
    expect(admin.keyUsage).toEqual([CLIENT_AUTH]);
    expect(admin.checkPrivateKey(createPrivateKey(pki.adminKey))).toBe(true);
  });

  it('names the controller manager the way RBAC expects', () => {
    const cm = new X509Certificate(pki.controllerManagerCert);
    expect(cm.verify(ca.publicKey)).toBe(true);
    expect(cm.subject).toBe('CN=system:kube-controller-manager');
    expect(cm.keyUsage).toEqual([CLIENT_AUTH]);
    expect(cm.checkPrivateKey(createPrivateKey(pki.controllerManagerKey))).toBe(true);
  });

  it('makes a service-account key pair that signs and verifies a JWT', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ sub: 'system:serviceaccount:default:vault' })).toString('base64url');
    const input = Buffer.from(`${header}.${claims}`);
    // JWS ES256 signatures are raw r||s, not DER.
    const signature = sign('sha256', input, {
      key: createPrivateKey(pki.serviceAccountKey),
      dsaEncoding: 'ieee-p1363',
    });
    expect(signature).toHaveLength(64);
    const publicKey = createPublicKey(pki.serviceAccountPub);
    expect(verify('sha256', input, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    expect(
      verify('sha256', Buffer.from(`${header}.e30`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature),
    ).toBe(false);
    expect(pki.serviceAccountPub).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('writes every private key in a PEM format kube-apiserver reads', () => {
    for (const key of [pki.caKey, pki.servingKey, pki.adminKey, pki.controllerManagerKey, pki.serviceAccountKey]) {
      expect(ACCEPTED_KEY_HEADERS).toContain(key.split('\n')[0]);
      expect(createPrivateKey(key).asymmetricKeyType).toBe('ec');
    }
    for (const cert of [pki.caCert, pki.servingCert, pki.adminCert, pki.controllerManagerCert]) {
      expect(cert).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    }
  });

  it('uses random positive serial numbers', () => {
    const certs = [pki.caCert, pki.servingCert, pki.adminCert, pki.controllerManagerCert].map(
      (pem) => new X509Certificate(pem),
    );
    expect(new Set(certs.map((cert) => cert.serialNumber)).size).toBe(certs.length);
    for (const cert of certs) {
      // In the DER, the serial INTEGER follows the version ([0] INTEGER 2). A first content byte of 0x80
      // or more would make it negative, which Go's x509 parser (and so kube-apiserver) rejects.
      const at = cert.raw.indexOf(Buffer.from([0xa0, 0x03, 0x02, 0x01, 0x02, 0x02]));
      expect(at).toBeGreaterThan(0);
      const length = cert.raw[at + 6] ?? 0;
      expect(length).toBeGreaterThanOrEqual(8);
      expect(cert.raw[at + 7]).toBeLessThan(0x80);
    }
  });

  it('is valid from a few minutes ago for 30 days by default', () => {
    const now = Date.now();
    const from = Date.parse(ca.validFrom);
    const to = Date.parse(ca.validTo);
    expect(from).toBeLessThan(now - 60_000);
    expect(from).toBeGreaterThan(now - 15 * 60_000);
    expect(Math.round((to - now) / 86_400_000)).toBe(30);
  });

  it('honours validityDays and extra hosts', async () => {
    const custom = await generatePki({ validityDays: 2, hosts: ['lab.example', '192.168.49.2', 'localhost'] });
    const serving = new X509Certificate(custom.servingCert);
    expect(Math.round((Date.parse(serving.validTo) - Date.now()) / 86_400_000)).toBe(2);
    expect(serving.checkHost('lab.example')).toBe('lab.example');
    expect(serving.checkIP('192.168.49.2')).toBe('192.168.49.2');
    expect(serving.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(serving.subjectAltName?.match(/DNS:localhost(,|$)/g)).toHaveLength(1);
    // A fresh call mints a fresh CA.
    expect(custom.caCert).not.toBe(pki.caCert);
  });

  it('rejects a validity that is not a positive number of days', async () => {
    await expect(generatePki({ validityDays: 0 })).rejects.toThrow(LabError);
    await expect(generatePki({ validityDays: Number.NaN })).rejects.toThrow(/positive number of days/);
  });

  it('completes a mutual TLS handshake like kubectl and kube-apiserver would', async () => {
    const server = createServer(
      { cert: pki.servingCert, key: pki.servingKey, ca: pki.caCert, requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
        res.end(`${peer.subject.O}/${peer.subject.CN}`);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, servername: 'localhost', ca: pki.caCert, cert: pki.adminCert, key: pki.adminKey },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve(text));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(body).toBe('system:masters/lab-admin');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('writePki and readPki', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lab-pki-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each PEM to its file, keys readable by the owner only', async () => {
    const target = join(dir, 'pki');
    const paths = await writePki(target, pki);
    expect(paths).toEqual(pkiPaths(target));
    expect(paths.caCert).toBe(join(target, 'ca.crt'));
    expect(paths.serviceAccountKey).toBe(join(target, 'sa.key'));
    for (const name of Object.keys(pkiFileNames) as Array<keyof LabPki>) {
      expect(await readFile(paths[name], 'utf8')).toBe(pki[name]);
      const mode = (await stat(paths[name])).mode & 0o777;
      const isPrivate = pki[name].includes('PRIVATE KEY');
      expect(mode, `${pkiFileNames[name]} mode`).toBe(isPrivate ? 0o600 : 0o644);
    }
    expect(await readPki(target)).toEqual(pki);
  });

  it('tightens the mode of a key file left over from an earlier run', async () => {
    const target = join(dir, 'again');
    const paths = pkiPaths(target);
    await writePki(target, pki);
    await writeFile(paths.caKey, 'stale');
    await chmod(paths.caKey, 0o644);
    await writePki(target, pki);
    expect((await stat(paths.caKey)).mode & 0o777).toBe(0o600);
    expect(await readFile(paths.caKey, 'utf8')).toBe(pki.caKey);
  });

  it('names the missing file and the fix when the PKI is incomplete', async () => {
    const missing = join(dir, 'nothing-here');
    const error = await readPki(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toContain(join(missing, 'ca.crt'));
    expect((error as LabError).fix).toMatch(/set the lab up again/);
  });
});
