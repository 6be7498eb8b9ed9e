import { describe, expect, it } from 'vitest';
import { envFile, type LabState } from '../../src/backends/state.js';

const state: LabState = {
  backend: 'local',
  startedAt: '2026-01-01T00:00:00.000Z',
  kubeconfig: '/lab/.lab/kubeconfig',
  kubeServer: 'https://127.0.0.1:41234',
  kubeCaFile: '/lab/.lab/pki/ca.crt',
  vault: {
    addr: 'http://127.0.0.1:41300',
    token: "lab-root-it's",
    logFile: '/lab/.lab/logs/vault.log',
    auditFile: '/lab/.lab/logs/vault-audit.log',
  },
  processes: [],
};

describe('.lab/env', () => {
  it('exports what kubectl, curl and vault need, quoted for the shell', () => {
    const text = envFile(state);
    expect(text).toContain('export KUBECONFIG=/lab/.lab/kubeconfig\n');
    expect(text).toContain('export VAULT_ADDR=http://127.0.0.1:41300\n');
    expect(text).toContain(`export VAULT_TOKEN='lab-root-it'\\''s'`);
    expect(text).toContain('export KUBE_API=https://127.0.0.1:41234\n');
  });

  it("puts the lab's kubectl and vault first on PATH", () => {
    process.env.LAB_STATE_DIR = '/lab/.lab';
    try {
      expect(envFile(state)).toContain('export PATH=/lab/.lab/bin:"$PATH"\n');
    } finally {
      delete process.env.LAB_STATE_DIR;
    }
  });

  it('quotes a path with a space, so `source .lab/env` keeps it whole', () => {
    const text = envFile({ ...state, kubeconfig: '/my lab/.lab/kubeconfig' });
    expect(text).toContain(`export KUBECONFIG='/my lab/.lab/kubeconfig'`);
  });
});
