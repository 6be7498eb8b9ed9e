import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Notebook } from '../../../src/jupyter/notebooks.js';
import { recordingRedactor, redactNotebook, scanRecordingText } from '../../../src/record/notebooks/scrub.js';

// Every credential here is made at run time, so none sits in the repository.
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signature = randomBytes(256).toString('base64url');
const jwt = [
  part({ alg: 'RS256', kid: 'k1' }),
  part({ sub: 'system:serviceaccount:demo:app', iss: 'https://kubernetes.default.svc' }),
  signature,
].join('.');
const rootToken = `lab-root-${randomBytes(12).toString('hex')}`;
const vaultToken = `hvs.${randomBytes(66).toString('base64url').replace(/[-_]/g, 'Q')}`;
const opaque = randomBytes(24).toString('hex');

const notebook = (outputs: NonNullable<Notebook['cells'][number]['outputs']>): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [{ cell_type: 'code', source: 'const { jwt: reviewerToken } = lab;', execution_count: 1, outputs }],
});

describe('recordingRedactor', () => {
  const redact = recordingRedactor([rootToken]);

  it('masks a JWT and keeps no part of its signature', () => {
    const out = redact(`{"spec":{"token":"${jwt}"}}`);
    expect(out).toMatch(/^\{"spec":\{"token":"«redacted JWT eyJ[^»]+»"\}\}$/);
    expect(out).not.toContain(signature.slice(0, 16));
  });

  it("masks the lab's own root token, whatever it looks like, and any token of that shape", () => {
    expect(redact(`VAULT_TOKEN=${rootToken}`)).toBe('VAULT_TOKEN=«redacted Vault root token»');
    const other = `lab-root-${randomBytes(12).toString('hex')}`;
    expect(redact(`export VAULT_TOKEN='${other}'`)).toBe("export VAULT_TOKEN='«redacted Vault root token»'");
    expect(recordingRedactor(['opaque-secret-value'])('x opaque-secret-value y')).toBe(
      'x «redacted Vault root token» y',
    );
  });

  it('masks Vault tokens, accessors and header credentials that no display helper saw', () => {
    expect(redact(`client_token  ${vaultToken}`)).not.toContain(vaultToken);
    expect(redact(`"accessor": "${opaque}"`)).toBe('"accessor": "«redacted accessor: 48 chars»"');
    expect(redact(`X-Vault-Token: ${opaque}`)).toBe('X-Vault-Token: «redacted credential: 48 chars»');
    expect(redact(`Authorization: Bearer ${opaque}`)).toBe('Authorization: Bearer «redacted credential: 48 chars»');
  });

  it('masks base64-encoded PEM (Secret data, kubeconfigs): keys as credentials, certificates as per-lab values', () => {
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }) as string;
    const cert = `-----BEGIN CERTIFICATE-----\n${randomBytes(300).toString('base64')}\n-----END CERTIFICATE-----\n`;
    const data = `{"ca.crt": "${Buffer.from(cert).toString('base64')}", "tls.key": "${Buffer.from(key).toString('base64')}"}`;
    expect(redact(data)).toBe(
      '{"ca.crt": "«certificate (base64 PEM), redacted»", "tls.key": "«private key (base64 PEM), redacted»"}',
    );
    expect(scanRecordingText(data, 'secret.json').map((f) => f.kind)).toEqual(['private-key-base64']);
    expect(JSON.stringify(scanRecordingText(data, 'secret.json'))).not.toContain(
      Buffer.from(key).toString('base64').slice(40, 80),
    );
  });

  it('leaves placeholders and shell variables alone', () => {
    const text =
      '-H "Authorization: Bearer $TOKEN" -H "X-Vault-Token: <TOKEN>" «redacted JWT eyJhbGciOiJSUzI1NiIs… (header 1, claims 2, signature 3 chars)»';
    expect(redact(text)).toBe(text);
  });
});

describe('redactNotebook', () => {
  it('redacts every output type, and leaves the source as written', () => {
    const nb = notebook([
      { output_type: 'stream', name: 'stdout', text: [`token ${jwt}\n`] },
      {
        output_type: 'display_data',
        data: {
          'text/plain': `Bearer ${jwt}`,
          'text/html': `<pre>${jwt}</pre>`,
          'application/json': { token: jwt } as unknown as string,
        },
      },
      {
        output_type: 'error',
        ename: 'Error',
        evalue: `bad token ${rootToken}`,
        traceback: [`at ${jwt}`],
      } as Notebook['cells'][number]['outputs'] extends (infer O)[] | undefined ? O : never,
    ]);
    const out = JSON.stringify(redactNotebook(nb, recordingRedactor([rootToken])));
    expect(out).not.toContain(signature.slice(0, 16));
    expect(out).not.toContain(rootToken);
    expect(out).toContain('const { jwt: reviewerToken } = lab;');
    expect(scanRecordingText(out, 'x.ipynb')).toEqual([]);
  });
});

describe('scanRecordingText', () => {
  it('reports a planted JWT and a planted root token with their lines', () => {
    const findings = scanRecordingText(['ok', `token: ${jwt}`, `VAULT_TOKEN=${rootToken}`].join('\n'), 'terminal.md');
    expect(findings.map(({ line, kind }) => ({ line, kind }))).toEqual([
      { line: 2, kind: 'jwt' },
      { line: 3, kind: 'vault-root-token' },
    ]);
    expect(JSON.stringify(findings)).not.toContain(rootToken);
  });
});
