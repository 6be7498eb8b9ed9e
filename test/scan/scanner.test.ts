import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { redactText } from '../../src/output/redact.js';
import { scanFiles, scanText } from '../../src/scan/scanner.js';

// Every planted credential is made at run time, so none sits in the repository.
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signature = randomBytes(256).toString('base64url');
const plantedJwt = [
  part({ alg: 'RS256', kid: 'k1' }),
  part({ sub: 'system:serviceaccount:demo:vault-auth' }),
  signature,
].join('.');
const privateKey = (type: 'pkcs8' | 'pkcs1') =>
  generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type, format: 'pem' }) as string;
const vaultToken = `hvs.${randomBytes(66).toString('base64url').replace(/[-_]/g, 'Q')}`;

describe('scanText', () => {
  it('finds a planted JWT with its line, and the excerpt is redacted', () => {
    const text = ['# notes', `curl -H "Authorization: Bearer ${plantedJwt}" https://127.0.0.1:6443/api`].join('\n');
    const findings = scanText(text, 'notes.md');
    expect(findings).toEqual([
      {
        file: 'notes.md',
        line: 2,
        kind: 'jwt',
        excerpt: expect.stringMatching(/^curl -H "Authorization: Bearer «redacted JWT eyJ[^»]+»" https:/),
      },
    ]);
    expect(findings[0]?.excerpt).not.toContain(signature);
  });

  it('finds a PEM private key generated at run time, on its BEGIN line', () => {
    for (const type of ['pkcs8', 'pkcs1'] as const) {
      const findings = scanText(`key: |\n${privateKey(type)}`, 'values.yaml');
      expect(findings).toEqual([
        {
          file: 'values.yaml',
          line: 2,
          kind: 'private-key',
          excerpt: expect.stringMatching(/^«private key.*redacted»$/),
        },
      ]);
    }
  });

  it('finds Vault tokens and kubeconfig client keys', () => {
    const keyData = Buffer.from(privateKey('pkcs8')).toString('base64');
    const text = [`VAULT_TOKEN=${vaultToken}`, 'users:', '- user:', `    client-key-data: ${keyData}`].join('\n');
    const findings = scanText(text, 'kubeconfig');
    expect(findings.map(({ line, kind }) => ({ line, kind }))).toEqual([
      { line: 1, kind: 'vault-token' },
      { line: 4, kind: 'kubeconfig-credential' },
    ]);
    expect(JSON.stringify(findings)).not.toContain(vaultToken);
    expect(JSON.stringify(findings)).not.toContain(keyData.slice(0, 40));
  });

  it('does not flag redaction marks', () => {
    const text = [
      `Authorization: Bearer ${plantedJwt}`,
      `{"client_token": "${vaultToken}"}`,
      privateKey('pkcs8'),
      `client-key-data: ${Buffer.from(privateKey('pkcs1')).toString('base64')}`,
    ].join('\n');
    expect(scanText(text, 'raw.txt')).toHaveLength(4);
    expect(scanText(redactText(text), 'redacted.txt')).toEqual([]);
  });

  it('does not flag placeholders, unsigned or undecodable JWTs, or certificates', () => {
    const [header, claims] = plantedJwt.split('.') as [string, string];
    const text = [
      'kubectl create token vault-auth -n demo > "$TOKEN"',
      'vault write auth/kubernetes/login role=demo jwt=<YOUR_SERVICE_ACCOUNT_TOKEN>',
      'token_reviewer_jwt="$TOKEN"',
      'VAULT_TOKEN=hvs.XXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      `unsigned: ${header}.${claims}.`,
      `cut: ${header.slice(0, 12)}.${claims.slice(0, 12)}.${signature.slice(0, 12)}`,
      `-----BEGIN ${'PRIVATE'} KEY-----\n...\n-----END ${'PRIVATE'} KEY-----`,
      'client-key-data: DATA+OMITTED',
      `-----BEGIN CERTIFICATE-----\n${randomBytes(300).toString('base64')}\n-----END CERTIFICATE-----`,
    ].join('\n');
    expect(scanText(text, 'docs.md')).toEqual([]);
  });
});

describe('scanFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lab-scan-'));
    await writeFile(join(dir, 'clean.md'), 'token: $TOKEN\n');
    await writeFile(join(dir, 'leak.json'), JSON.stringify({ jwt: plantedJwt }, null, 2));
    await writeFile(join(dir, 'image.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0, 0]), Buffer.from(plantedJwt)]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every file, skips binaries and aggregates findings', async () => {
    const files = ['clean.md', 'leak.json', 'image.png'].map((name) => join(dir, name));
    expect(await scanFiles(files)).toEqual([
      { file: files[1], line: 2, kind: 'jwt', excerpt: expect.stringMatching(/^"jwt": "«redacted JWT/) },
    ]);
  });

  it('names a file it cannot read', async () => {
    await expect(scanFiles([join(dir, 'missing.txt')])).rejects.toThrow(LabError);
    await expect(scanFiles([join(dir, 'missing.txt')])).rejects.toThrow(/Cannot read .*missing\.txt/);
  });

  it('finds nothing in this repository’s own sources and tests', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const files: string[] = [];
    for (const top of ['src', 'test']) {
      for (const entry of await readdir(join(root, top), { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
      }
    }
    expect(files.length).toBeGreaterThan(5);
    expect(await scanFiles(files)).toEqual([]);
  });
});
