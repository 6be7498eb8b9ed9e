// Where Vault runs beside the local and kind backends: `vault server -dev` on this machine's loopback.
import { LabError } from '../errors.js';
import { startVault, type VaultPlace } from '../vault/dev-server.js';
import type { VaultHost } from './backend.js';

export const devServerVault: VaultHost = {
  start: (ctx) => startVault(ctx.progress, ctx.started, ctx.options.vaultPort),
};

/** Refuses `--vault in-cluster` on a backend with no cluster of the lab's own to run a pod in. */
export function hostVaultOnly(backend: string, why: string, place: VaultPlace | undefined): void {
  if (place === 'in-cluster') {
    throw new LabError(
      `--vault in-cluster runs Vault as a pod in the lab's own kind cluster, and the ${backend} backend ${why}.`,
      'run `npm run lab -- up --backend kind --vault in-cluster`, or leave out --vault',
    );
  }
}
