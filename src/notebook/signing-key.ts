// The API server's service-account signing key, which only notebook 05 reads to re-sign a copy of a real
// token with its times in the past (see kube/mint.ts). Each backend knows where its key lives, or why not.
import type { SigningKey } from '../backends/backend.js';
import { backendOf } from '../backends/registry.js';
import type { LabState } from '../backends/state.js';

export type { SigningKey };

/** The key behind --service-account-signing-key-file, read where the backend keeps it. */
export function serviceAccountSigningKey(
  state: Pick<LabState, 'backend' | 'kubeCaFile' | 'record'>,
): Promise<SigningKey> {
  return backendOf(state.backend).signingKey(state);
}
