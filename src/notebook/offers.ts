// What a notebook cell shows instead of a step that needs the lab's own servers, on a shared cluster and
// Vault (backend existing): one plain sentence saying what is missing and why, so the learner reads on.
import { emit } from '../output/kernel.js';
import { renderers } from '../output/renderers.js';
import type { Offers } from './session.js';

const WHY: Readonly<Record<keyof Offers, string>> = {
  signingKey: "the API server's service-account signing key stays on the host's machine",
  vaultLog: "Vault's server log is the host's",
  audit:
    "Vault's audit devices are the host's: enabling one, or hashing with one, needs sudo on sys/audit, which a " +
    "learner's token lacks",
  trace: "the host's Vault runs elsewhere and cannot reach a tracer on this machine",
};

/** The note for `feature`: "Not on a shared Vault: WHAT (why); alone on a laptop this cell shows it." */
export function notShared(feature: keyof Offers, what: string): string {
  return (
    `**Not on a shared Vault:** ${what} (${WHY[feature]}). Alone on a laptop (\`npm run lab -- up\`) this cell ` +
    `shows it; here, read on.`
  );
}

/** Shows notShared()'s note in the cell, in place of the step. */
export function showNotShared(feature: keyof Offers, what: string): void {
  emit(renderers.markdown(notShared(feature, what)));
}
