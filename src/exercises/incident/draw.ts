// Which causes an incident breaks: a seeded shuffle of the causes this lab can stage, then the first ones that can
// be broken together. The same seed, count and lab give the same causes, so a recording or a workshop replays one.
import { seededDraws } from '../seeded.js';
import { CAUSES, CAUSE_INFO, canCoexist, type Cause } from './causes.js';

/** The causes a lab can stage: an expired JWT needs the API server's signing key, which a shared cluster keeps. */
export const causesFor = (offers: { signingKey: boolean }): readonly Cause[] =>
  CAUSES.filter((c) => offers.signingKey || !CAUSE_INFO[c].needsSigningKey);

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
