import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claimRows } from '../../src/jwt.js';
import { color, setColorLevel } from '../../src/output/color.js';
import { enableKernelColor, inKernel, renderers, show } from '../../src/output/display.js';
import { CREDENTIAL_HEADERS } from '../../src/output/redact.js';

// Tokens are assembled at run time so no JWT ever sits in the repository.
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signature = randomBytes(128).toString('base64url');
const jwt = [part({ alg: 'RS256' }), part({ sub: 'system:serviceaccount:demo:vault-auth' }), signature].join('.');
const ANSI = /\x1b\[/;

let printed: string[];
const initialLevel = color.level;
beforeEach(() => {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
  setColorLevel(0);
});
afterEach(() => {
  vi.restoreAllMocks();
  setColorLevel(initialLevel);
  delete (globalThis as Record<string, unknown>).__tslab__;
});

describe('outside the kernel, show.* prints text', () => {
  it('is not in the kernel and returns nothing, so a cell does not print a value twice', () => {
    expect(inKernel()).toBe(false);
    expect(show.table([{ a: 1 }])).toBeUndefined();
    expect(printed).toEqual(['a\n-\n1']);
  });

  it('prints a table with its title, redacting cells', () => {
    show.table(
      [
        ['token', jwt],
        ['role', 'demo'],
      ],
      { title: 'Login' },
    );
    expect(printed[0]).toMatch(/^Login\nKEY {4}VALUE\n-{5} +-+\ntoken  «redacted JWT eyJ[^»]+»\nrole {3}demo$/);
    // An opaque secret is recognised by its key, in pairs and in records alike.
    show.table([['client_token', 'opaque-credential-value']]);
    show.table([{ accessor: 'opaque-accessor-value', policy: 'demo' }]);
    expect(printed[1]?.split('\n')[2]).toBe('client_token  «redacted client_token: 23 chars»');
    expect(printed[2]?.split('\n')[2]).toBe('«redacted accessor: 21 chars»  demo');
    show.table([['client_token', 'opaque-credential-value']], { reveal: true });
    expect(printed[3]).toContain('opaque-credential-value');
  });

  it('takes claimRows() as they are', () => {
    show.table(claimRows({ sub: 'system:serviceaccount:demo:vault-auth', exp: 0 }, new Date(60_000)));
    expect(printed[0]).toBe(
      [
        'claim  value',
        '-----  -----------------------------------------',
        'sub    system:serviceaccount:demo:vault-auth',
        'exp    1970-01-01T00:00:00.000Z (expired 1m ago)',
      ].join('\n'),
    );
  });

  it('prints pretty JSON through redactText unless asked to reveal', () => {
    show.json({ jwt, role: 'demo', ttl: 3600, bound: true });
    expect(printed[0]).toMatch(
      /^\{\n {2}"jwt": "«redacted JWT eyJ[^»]+»",\n {2}"role": "demo",\n {2}"ttl": 3600,\n {2}"bound": true\n\}$/,
    );
    expect(printed[0]).not.toContain(signature);
    show.json({ jwt }, { reveal: true });
    expect(printed[1]).toContain(jwt);
  });

  it('prints YAML the way kubectl -o yaml does', () => {
    show.yaml({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'vault-auth-delegator' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: [{ kind: 'ServiceAccount', name: 'vault-auth', namespace: 'vault' }],
    });
    expect(printed[0]).toBe(
      [
        'apiVersion: rbac.authorization.k8s.io/v1',
        'kind: ClusterRoleBinding',
        'metadata:',
        '  name: vault-auth-delegator',
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: ClusterRole',
        '  name: system:auth-delegator',
        'subjects:',
        '- kind: ServiceAccount',
        '  name: vault-auth',
        '  namespace: vault',
      ].join('\n'),
    );
  });

  it('prints an HTTP exchange the way curl -v summarises it, hiding credentials in headers and bodies', () => {
    show.http({
      method: 'post',
      url: 'https://127.0.0.1:6443/apis/authentication.k8s.io/v1/tokenreviews?dryRun=All',
      requestHeaders: { Authorization: 'Bearer opaque-reviewer-credential', 'Content-Type': 'application/json' },
      requestBody: { kind: 'TokenReview', spec: { token: jwt } },
      status: 403,
      responseHeaders: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'Status', reason: 'Forbidden', code: 403 }),
    });
    const lines = printed[0]?.split('\n') ?? [];
    expect(lines.slice(0, 5)).toEqual([
      '> POST /apis/authentication.k8s.io/v1/tokenreviews?dryRun=All HTTP/1.1',
      '> Host: 127.0.0.1:6443',
      '> Authorization: Bearer «redacted authorization: 26 chars»',
      '> Content-Type: application/json',
      '>',
    ]);
    expect(lines).toContain('< HTTP/1.1 403 Forbidden');
    expect(lines.slice(-7)).toEqual([
      '< Content-Type: application/json',
      '<',
      '{',
      '  "kind": "Status",',
      '  "reason": "Forbidden",',
      '  "code": 403',
      '}',
    ]);
    expect(printed[0]).not.toContain(signature);
    expect(printed[0]).not.toContain('opaque-reviewer-credential');
  });

  it('hides every credential header redact.ts names, in any case, and shows the others', () => {
    const headers = Object.fromEntries(CREDENTIAL_HEADERS.map((name) => [name.toLowerCase(), 'short']));
    show.http({
      method: 'get',
      url: 'http://127.0.0.1:8200/v1/sys/health',
      requestHeaders: { ...headers, Accept: 'text/plain' },
      status: 200,
    });
    for (const name of CREDENTIAL_HEADERS)
      expect(printed[0]).toContain(`> ${name.toLowerCase()}: «redacted ${name.toLowerCase()}: 5 chars»`);
    expect(printed[0]).toContain('> Accept: text/plain');
  });

  it('prints what commands did as [object, result] rows under those headers', () => {
    show.results([
      ['ClusterRoleBinding lab-app', 'created'],
      ['RoleBinding lab/app', 'not found'],
    ]);
    expect(printed[0]?.split('\n').map((line) => line.trimEnd())).toEqual([
      'object                      result',
      '--------------------------  ---------',
      'ClusterRoleBinding lab-app  created',
      'RoleBinding lab/app         not found',
    ]);
  });

  it('prints a non-JSON body as it is, and the status text it is given', () => {
    show.http({
      method: 'GET',
      url: 'http://127.0.0.1:8200/v1/sys/health',
      status: 503,
      statusText: 'Sealed',
      body: 'Vault is sealed',
    });
    expect(printed[0]).toBe(
      [
        '> GET /v1/sys/health HTTP/1.1',
        '> Host: 127.0.0.1:8200',
        '>',
        '< HTTP/1.1 503 Sealed',
        '<',
        'Vault is sealed',
      ].join('\n'),
    );
  });

  it('accepts a path without a host', () => {
    show.http({ method: 'GET', url: '/v1/auth/kubernetes/role/demo', status: 404 });
    expect(printed[0]).toBe(
      ['> GET /v1/auth/kubernetes/role/demo HTTP/1.1', '>', '< HTTP/1.1 404 Not Found', '<'].join('\n'),
    );
  });

  it('prints verdicts with ✓ or ✗ and the next step', () => {
    show.verdict(true, 'Vault logged in as demo');
    show.verdict(false, 'TokenReview forbidden', {
      next: 'kubectl create clusterrolebinding ... --clusterrole=system:auth-delegator',
    });
    expect(printed).toEqual([
      '✓ Vault logged in as demo',
      '✗ TokenReview forbidden\n  kubectl create clusterrolebinding ... --clusterrole=system:auth-delegator',
    ]);
  });

  it('prints markdown as its source', () => {
    show.markdown(`**token:** ${jwt}`);
    expect(printed[0]).toMatch(/^\*\*token:\*\* «redacted JWT /);
  });

  it('colours the printed text only when colour is on, and never the text/plain of a bundle', () => {
    enableKernelColor(1);
    expect(color.level).toBe(1);
    show.verdict(false, 'denied');
    show.json({ a: 1 });
    expect(printed[0]).toMatch(ANSI);
    expect(printed[1]).toMatch(ANSI);
    const rendered = renderers.json({ jwt, a: 1 }, { title: 'Body' });
    expect(rendered.text).toMatch(ANSI);
    expect(rendered.bundle['text/plain']).not.toMatch(ANSI);
    expect(rendered.bundle['text/plain']).toMatch(/^Body\n\{\n {2}"jwt": "«redacted JWT/);
  });
});
