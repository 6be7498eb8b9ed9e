// Which causes an incident breaks: a seeded shuffle of the causes this lab can stage, then the first ones that can
// be broken together. The same seed, count and lab give the same causes, so a recording or a workshop replays one.
import { seededDraws } from '../seeded.js';
import type { Lab } from '../types.js';
import { CAUSES, CAUSE_INFO, canCoexist, type Cause } from './causes.js';

/** What a lab can stage beyond the common causes. */
export interface Staging {
  /** The API server's signing key, for an expired JWT; a shared cluster keeps it. */
  signingKey: boolean;
  /** Vault in a pod, with a token and a binding of its own (`up --backend kind --vault in-cluster`). */
  vaultPod?: boolean;
}

export const stagingOf = (lab: Pick<Lab, 'offers' | 'state'>): Staging => ({
  signingKey: lab.offers.signingKey,
  vaultPod: lab.state.vault.pod !== undefined,
});

/** The causes a lab can stage: each one that needs more than the common parts only where the lab has it. */
export const causesFor = (can: Staging): readonly Cause[] =>
  CAUSES.filter(
    (c) => (can.signingKey || !CAUSE_INFO[c].needsSigningKey) && (can.vaultPod || !CAUSE_INFO[c].needsVaultPod),
  );

export const FAULT_COUNTS = [2, 3] as const;

export function drawCauses(seed: number, count: number, pool: readonly Cause[] = CAUSES): Cause[] {
  const next = seededDraws(seed);
  const order = [...pool];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as Cause, order[i] as Cause];
  }
  const chosen: Cause[] = [];
  for (const cause of order) {
    if (chosen.length < count && chosen.every((c) => canCoexist(c, cause))) chosen.push(cause);
  }
  return CAUSES.filter((c) => chosen.includes(c));
}
