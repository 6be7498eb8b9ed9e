// The existing backend: a cluster and a Vault someone else runs. The lab starts nothing and stops nothing
// there, and offers the notebooks none of what only a lab's own servers can show.
import { LabError } from '../../errors.js';
import type { Backend } from '../backend.js';
import { hostVaultOnly } from '../dev-vault.js';
import { connectCluster, connectVault } from './connect.js';

export const existingBackend: Backend = {
  name: 'existing',
  unavailable: async () => undefined,
  start: (ctx) => connectCluster(ctx.options.existing ?? {}),
  vaultHost(options) {
    hostVaultOnly('existing', "uses someone else's Vault", options.vault);
    return { start: () => connectVault(options.existing ?? {}) };
  },
  stop: async () => undefined,
  describe: () => [],
  leftover: () => undefined,
  async signingKey() {
    throw new LabError(
      'A shared cluster (backend existing) does not let the lab read its service-account signing key, so this step ' +
        'cannot re-sign a token here.',
      'read this step in recordings/05-troubleshooting.ipynb, or run it on your own laptop with `npm run lab -- up ' +
        '--backend local`',
    );
  },
  offers: { signingKey: false, vaultLog: false, audit: false, trace: false },
  checks: [],
};
