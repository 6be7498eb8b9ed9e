import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_PATTERNS,
  isPlaceholder,
  redactJwt,
  redactText,
  maskCredentialHeaders,
} from '../../src/output/redact.js';

// Every credential here is made at run time, so none sits in the repository.
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (sig = randomBytes(256).toString('base64url')) =>
  [part({ alg: 'RS256', kid: 'k1' }), part({ sub: 'system:serviceaccount:demo:vault-auth' }), sig].join('.');
const base62 = (n: number) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(n)].map((b, i) => chars[i < 3 ? [0, 26, 52][i]! + (b % 10) : b % 62]).join('');
};
const vaultToken = (prefix: 'hvs' | 'hvb' | 'hvr') => `${prefix}.${base62(90)}`;
const privateKeyPem = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const rsaKeyPem = () =>
  generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const pemBlock = (label: string, bytes: Buffer) =>
  `-----BEGIN ${label}-----\n${bytes.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----`;

describe('redactJwt', () => {
  it('keeps the start of the header and the lengths, never the claims or the signature', () => {
    const token = jwt();
    const [header, claims, signature] = token.split('.') as [string, string, string];
    const masked = redactJwt(token);
    expect(masked).toBe(
      `«redacted JWT ${header.slice(0, 20)}… (header ${header.length}, claims ${claims.length}, signature ${signature.length} chars)»`,
    );
    expect(masked).not.toContain(claims);
    expect(masked).not.toContain(signature.slice(0, 8));
  });

  it('shows the token only when asked, and never echoes something that is not a JWT', () => {
    const token = jwt();
    expect(redactJwt(token, { reveal: true })).toBe(token);
    expect(redactJwt('some-opaque-secret')).toBe('«redacted: not a JWT, 18 chars»');
  });
});

describe('redactText', () => {
  it('masks JWTs in free text, visibly', () => {
    const token = jwt();
    const out = redactText(`Authorization: Bearer ${token}\nnext line`);
    expect(out).toMatch(/^Authorization: Bearer «redacted JWT eyJ[^»]+»\nnext line$/);
    expect(out).not.toContain(token.split('.')[2]);
  });

  it('masks Vault tokens of every prefix, and legacy s. tokens', () => {
    for (const prefix of ['hvs', 'hvb', 'hvr'] as const) {
      const token = vaultToken(prefix);
      const out = redactText(`export VAULT_TOKEN=${token}`);
      expect(out).toBe(
        `export VAULT_TOKEN=«redacted Vault ${{ hvs: 'service', hvb: 'batch', hvr: 'recovery' }[prefix]} token ${prefix}.… (${token.length} chars)»`,
      );
    }
    const legacy = `s.${base62(24)}`;
    expect(redactText(`token is ${legacy}.`)).toBe('token is «redacted Vault token s.… (26 chars)».');
    expect(redactText('see s.toUpperCaseAndOtherThings here')).toBe('see s.toUpperCaseAndOtherThings here');
  });

  it('masks labelled secrets in JSON and keeps the JSON parseable', () => {
    const json = JSON.stringify({
      auth: {
        client_token: vaultToken('hvs'),
        accessor: base62(24),
        token_policies: ['default'],
        lease_duration: 3600,
      },
      data: { keys: ['demo'], token_reviewer_jwt: jwt(), root_token: `s.${base62(24)}` },
      unseal_keys_b64: [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')],
    });
    const out = redactText(json);
    const parsed = JSON.parse(out);
    expect(parsed.auth.client_token).toMatch(/^«redacted Vault service token hvs\.…/);
    expect(parsed.auth.accessor).toBe('«redacted accessor: 24 chars»');
    expect(parsed.auth.token_policies).toEqual(['default']);
    expect(parsed.data.keys).toEqual(['demo']);
    expect(parsed.data.token_reviewer_jwt).toMatch(/^«redacted JWT /);
    expect(parsed.unseal_keys_b64).toEqual(['«redacted unseal_keys_b64: 2 values»']);
  });

  it('masks labelled secrets in YAML, HCL and `vault` table output', () => {
    const accessor = base62(24);
    const opaque = randomBytes(24).toString('hex');
    const table = [
      'Key                  Value',
      '---                  -----',
      `token_accessor       ${accessor}`,
      'token_duration       1h',
      `jwt: ${opaque}`,
      `token = "${opaque}"`,
    ].join('\n');
    expect(redactText(table)).toBe(
      [
        'Key                  Value',
        '---                  -----',
        'token_accessor       «redacted token_accessor: 24 chars»',
        'token_duration       1h',
        'jwt: «redacted jwt: 48 chars»',
        'token = "«redacted token: 48 chars»"',
      ].join('\n'),
    );
  });

  it('masks kubeconfig credentials and PEM blocks', () => {
    const key = privateKeyPem();
    const kubeconfig = [
      'users:',
      '- name: kind-lab',
      '  user:',
      `    client-certificate-data: ${Buffer.from(pemBlock('CERTIFICATE', randomBytes(300))).toString('base64')}`,
      `    client-key-data: ${Buffer.from(key).toString('base64')}`,
    ].join('\n');
    const out = redactText(kubeconfig);
    expect(out).toMatch(/client-certificate-data: «redacted client-certificate-data: \d+ bytes»/);
    expect(out).toMatch(/client-key-data: «redacted client-key-data: \d+ bytes»$/);

    expect(redactText(`before\n${key}after`)).toMatch(/^before\n«private key: \d+ bytes, redacted»\nafter$/);
    expect(redactText(rsaKeyPem())).toMatch(/^«private key \(RSA\): \d+ bytes, redacted»\n$/);
    expect(redactText(pemBlock('CERTIFICATE', randomBytes(300)))).toBe('«certificate: 300 bytes, redacted»');
    // A key cut off mid-way is still masked, to the end of the text.
    expect(redactText(key.slice(0, 100))).toMatch(/^«private key: \d+ bytes, redacted»$/);
    // A BEGIN line quoted in code is no key, and does not swallow the text up to a later key.
    const code = `const HEADERS = ['-----BEGIN ${'PRIVATE'} KEY-----', '-----BEGIN RSA ${'PRIVATE'} KEY-----'];`;
    expect(redactText(`${code}\nsome text\n${key}`)).toMatch(
      /^const HEADERS = \[.*\];\nsome text\n«private key: \d+ bytes, redacted»\n$/,
    );
    // PEM inside a JSON string.
    expect(JSON.parse(redactText(JSON.stringify({ key })))).toEqual({
      key: expect.stringMatching(/^«private key: \d+ bytes, redacted»\n$/),
    });
  });

  it('leaves placeholders, prose and ordinary fields alone', () => {
    const text = [
      'jwt=$(kubectl create token vault-auth -n demo)',
      '"token_reviewer_jwt": "<YOUR_SERVICE_ACCOUNT_TOKEN>"',
      'token: $TOKEN',
      'client-key-data: DATA+OMITTED',
      '"token": ""',
      'the token: it proves who you are',
      'token_ttl: 3600',
      'client_token: {{ vault_token }}',
      'hvs.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'the token in lab-token/reader-token: authenticated as system:serviceaccount:lab-token:reader',
    ].join('\n');
    expect(redactText(text)).toBe(text);
  });

  it('masks a flag spelled with dashes, but not a key that only ends in token', () => {
    expect(redactText('vault login --token=abcdef123456')).toBe('vault login --token=«redacted token: 12 chars»');
    expect(redactText('reader-token: abcdef123456')).toBe('reader-token: abcdef123456');
  });

  it('is idempotent: masks are never masked again', () => {
    const text = `{"jwt": "${jwt()}", "client_token": "${vaultToken('hvs')}"}\n${privateKeyPem()}`;
    const once = redactText(text);
    expect(redactText(once)).toBe(once);
  });
});

describe('isPlaceholder', () => {
  it('recognises the usual spellings', () => {
    for (const value of [
      '<TOKEN>',
      '$TOKEN',
      '${TOKEN}',
      '{{ token }}',
      'xxxxxxxx',
      'YOUR_TOKEN_HERE',
      'REDACTED',
      '…',
      '"null"',
    ]) {
      expect(isPlaceholder(value), value).toBe(true);
    }
    expect(isPlaceholder(base62(40))).toBe(false);
  });
});

describe('CREDENTIAL_PATTERNS', () => {
  it('is one list of named global patterns, some of which the scanner reports', () => {
    const names = CREDENTIAL_PATTERNS.map((pattern) => pattern.name);
    expect(new Set(names).size).toBe(names.length);
    for (const pattern of CREDENTIAL_PATTERNS) expect(pattern.regex.global, pattern.name).toBe(true);
    expect(CREDENTIAL_PATTERNS.filter((pattern) => pattern.leak).map((pattern) => pattern.name)).toEqual([
      'vault-root-token',
      'private-key',
      'jwt',
      'vault-token',
      'kubeconfig-credential',
      'private-key-base64',
      'jwt-base64',
    ]);
  });

  it('masks a JWT base64-encoded once more, as a Secret carries it, and leaves other base64 alone', () => {
    // Built from its parts at run time, so no token sits in this file for the repository scan.
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const jwt = `${part({ alg: 'ES256', kid: 'k' })}.${part({ sub: 'system:serviceaccount:lab-challenge:app', exp: 1 })}.${'s'.repeat(43)}`;
    const secret = Buffer.from(jwt).toString('base64');
    // In a coloured util.inspect line the colour code sits between the key and the value, so only the shape tells.
    expect(redactText(`token: \x1b[32m'${secret}'\x1b[39m`)).toBe(
      "token: \x1b[32m'«JWT (base64, as Secret data), redacted»'\x1b[39m",
    );
    const other = Buffer.from(`{"just": "data", "padding": "${'x'.repeat(40)}"}`).toString('base64');
    expect(redactText(other)).toBe(other);
  });
});

describe('maskCredentialHeaders', () => {
  it('masks the credential headers written as text, keeping the scheme', () => {
    const value = 'a1b2c3d4e5f6g7h8';
    expect(
      maskCredentialHeaders(`> Authorization: Bearer ${value}\n> X-Vault-Token: ${value}\n< Set-Cookie: ${value}`),
    ).toBe(
      '> Authorization: Bearer «redacted credential: 16 chars»\n> X-Vault-Token: «redacted credential: 16 chars»\n< Set-Cookie: «redacted credential: 16 chars»',
    );
  });

  it('leaves shell variables, placeholders and other headers alone', () => {
    const text =
      '-H "Authorization: Bearer $TOKEN"\nX-Vault-Token: «redacted Vault root token»\nContent-Type: application/json';
    expect(maskCredentialHeaders(text)).toBe(text);
  });
});
