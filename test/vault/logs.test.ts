import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logMark, loginRefusals, parseVaultLogLine, readVaultLog } from '../../src/vault/logs.js';

const ACCESSOR = 'auth_kubernetes_0f1e2d3c';
const REFUSAL = `2025-11-29T17:10:00.123Z [DEBUG] auth.kubernetes.${ACCESSOR}: login unauthorized: err="lookup failed: service account unauthorized; this could mean it has been deleted or recreated with a new token"`;
const MOUNTED =
  '2025-11-29T17:09:58.001Z [INFO]  core: successfully mounted: type=kubernetes version="v0.23.0+builtin" path=kubernetes/ namespace="ID: root. Path: "';

describe('parseVaultLogLine', () => {
  it('splits an hclog line into time, level, logger, message and fields', () => {
    expect(parseVaultLogLine(REFUSAL)).toMatchObject({
      time: '2025-11-29T17:10:00.123Z',
      level: 'DEBUG',
      module: `auth.kubernetes.${ACCESSOR}`,
      message: 'login unauthorized',
      fields: {
        err: 'lookup failed: service account unauthorized; this could mean it has been deleted or recreated with a new token',
      },
    });
  });

  it('keeps a message that contains ": " and reads bare and quoted values', () => {
    expect(parseVaultLogLine(MOUNTED)).toMatchObject({
      level: 'INFO',
      module: 'core',
      message: 'successfully mounted',
      fields: { type: 'kubernetes', version: 'v0.23.0+builtin', path: 'kubernetes/', namespace: 'ID: root. Path: ' },
    });
  });

  it('reads the API server body the plugin logs, quoted the way hclog quotes (only " is escaped)', () => {
    // A real line from the lab's Vault 1.21 log: hclog writes a \\ as it is and a " as \\".
    const line =
      '2026-11-29T17:16:08.099Z [DEBUG] auth.kubernetes.auth_kubernetes_0f1e2d3c: login unauthorized: err="{\\"kind\\":\\"Status\\",\\"apiVersion\\":\\"v1\\",\\"metadata\\":{},\\"status\\":\\"Failure\\",\\"message\\":\\"tokenreviews.authentication.k8s.io is forbidden: User \\\\"system:serviceaccount:lab-vault:app\\\\" cannot create resource \\\\"tokenreviews\\\\" in API group \\\\"authentication.k8s.io\\\\" at the cluster scope\\",\\"reason\\":\\"Forbidden\\",\\"details\\":{\\"group\\":\\"authentication.k8s.io\\",\\"kind\\":\\"tokenreviews\\"},\\"code\\":403}"';
    const err = parseVaultLogLine(line)?.fields.err ?? '';
    expect(JSON.parse(err)).toMatchObject({
      kind: 'Status',
      code: 403,
      message:
        'tokenreviews.authentication.k8s.io is forbidden: User "system:serviceaccount:lab-vault:app" cannot create resource "tokenreviews" in API group "authentication.k8s.io" at the cluster scope',
    });
  });

  it('ends a quoted value at the first unescaped quote', () => {
    const line = '2025-11-29T17:10:00.123Z [DEBUG] x: m: a="say \\"hi\\" now" b=2';
    expect(parseVaultLogLine(line)?.fields).toEqual({ a: 'say "hi" now', b: '2' });
  });

  it('reads a line without fields as message only, and ignores lines that are not hclog', () => {
    expect(parseVaultLogLine('2025-11-29T17:10:00.123Z [INFO]  core: vault is unsealed')).toMatchObject({
      module: 'core',
      message: 'vault is unsealed',
      fields: {},
    });
    expect(parseVaultLogLine('==> Vault server configuration:')).toBeUndefined();
    expect(parseVaultLogLine('')).toBeUndefined();
  });
});

describe('reading the log from a mark', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vault-log-'));
    file = join(dir, 'vault.log');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns only what was written after the mark', () => {
    writeFileSync(file, `${MOUNTED}\n`);
    const mark = logMark(file);
    appendFileSync(file, `${REFUSAL}\n`);
    expect(readVaultLog(file, mark).map((l) => l.message)).toEqual(['login unauthorized']);
    expect(readVaultLog(file).length).toBe(2);
    expect(readVaultLog(file, logMark(file))).toEqual([]);
  });

  it('treats a missing log as empty', () => {
    expect(logMark(join(dir, 'none.log'))).toBe(0);
    expect(readVaultLog(join(dir, 'none.log'))).toEqual([]);
  });
});

describe('loginRefusals', () => {
  it('keeps the refusals of one mount only', () => {
    const lines = [REFUSAL, REFUSAL.replace(ACCESSOR, 'auth_kubernetes_99999999'), MOUNTED].map(
      (l) => parseVaultLogLine(l)!,
    );
    expect(loginRefusals(lines, ACCESSOR)).toHaveLength(1);
  });
});
