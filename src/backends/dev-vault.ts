// Where Vault runs beside the local and kind backends: `vault server -dev` on this machine's loopback.
import { startVault } from '../vault/dev-server.js';
import type { VaultHost } from './backend.js';

export const devServerVault: VaultHost = {
  start: (ctx) => startVault(ctx.progress, ctx.started, ctx.options.vaultPort),
};
