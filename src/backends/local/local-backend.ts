// The local backend: etcd, kube-apiserver and kube-controller-manager as processes on this machine, and
// Vault as a dev server beside them. Everything it starts is a process, so it has nothing else to stop.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { binaryCheck } from '../../binaries/binary-check.js';
import { LabError } from '../../errors.js';
import { pkiPaths } from '../../pki/files.js';
import type { Backend } from '../backend.js';
import { devServerVault, hostVaultOnly } from '../dev-vault.js';
import { startLocal } from './control-plane.js';

export const localBackend: Backend = {
  name: 'local',
  unavailable: async () => undefined,
  start: (ctx) => startLocal(ctx.progress, ctx.started, ctx.options.apiPort),
  vaultHost(options) {
    hostVaultOnly('local', 'runs its servers as processes, with no pods', options.vault);
    return devServerVault;
  },
  stop: async () => undefined,
  describe: () => [],
  leftover: () => undefined,
  async signingKey(state) {
    const path = pkiPaths(dirname(state.kubeCaFile)).serviceAccountKey;
    try {
      return { pem: await readFile(path, 'utf8'), source: `cat ${path}` };
    } catch (error) {
      throw new LabError(
        `Cannot read the service-account signing key ${path}.`,
        'run `npm run lab -- down && npm run lab -- up` to write the PKI again',
        { cause: error },
      );
    }
  },
  offers: { signingKey: true, vaultLog: true, audit: true, trace: true },
  checks: [binaryCheck('etcd'), binaryCheck('kube-apiserver'), binaryCheck('kube-controller-manager')],
};
