// Hints computed from the live snapshot: what Vault answers the application now, where that answer points, and
// the evidence of a cause that is broken. A hint names only sources this learner can read: Vault's log and the
// tracer only where the lab offers them, never on a shared Vault.
import type { Offers } from '../../backends/state.js';
import { canICommand } from '../../kube/rbac.js';
import { CAUSES, type Cause } from './causes.js';
import type { Live } from './live.js';
import { brokenCauses, observe } from './observe.js';

/** Vault's answer to the application's own login, as `vault write` would print it. */
export function loginAnswer(live: Live): string {
  const said = live.login.errors.join('; ') || 'no error';
  return (
    `vault write ${live.login.path}/login role=${live.login.role} jwt=<the JWT in app-jwt> answers ` +
    `${live.login.status}: ${said}`
  );
}

/** Where Vault's own words point, from the plugin's messages. */
function pointsAt(live: Live): string {
  const said = live.login.errors.join(' ');
  if (/invalid role name/.test(said)) return 'the role the application asks for, and the roles its mount has';
  if (/not authorized/.test(said)) return "the role's bound names and namespaces, and who the JWT is";
  if (/\biss\b|issuer/.test(said)) return "the issuer Vault expects, and the JWT's iss claim";
  if (/\baud\b|audience/.test(said)) return "the role's audience, and the JWT's aud claim";
  if (/\bexp\b|expired/.test(said)) return "the JWT's exp claim";
  if (/^permission denied$/.test(said.trim())) {
    const unset = live.vaultSide.pod
      ? "when none is set, Vault's pod token (with disable_local_ca_jwt=false) or else the application JWT"
      : 'or the application JWT when none is set';
    return (
      'the TokenReview Vault sends: the address and CA it sends it with (the config), the bearer (the reviewer ' +
      `JWT, ${unset}), and what that bearer may do (kubectl auth can-i)`
    );
  }
  return 'what it names, word by word';
}

/** The sources a learner can read here, for the second hint. */
function sources(live: Live, offers: Offers): string {
  const { names } = live;
  const list = [
    `${canICommand(names.reviewer)} (and :app; lab.kube.canAs in a cell)`,
    `vault read auth/${names.mount}/config`,
    `vault read ${live.login.path}/role/${live.login.role}`,
    `kubectl -n ${names.namespace} get configmap app-vault -o yaml`,
    'the claims of the JWTs in the Secrets app-jwt and vault-reviewer-jwt (decodeJwt), beside kubectl get sa -o ' +
      'jsonpath={.metadata.uid}',
  ];
  const { pod } = live.vaultSide;
  if (pod) {
    list.push(
      `${canICommand(pod.serviceAccount)} (Vault's own account)`,
      `Vault's own reason: kubectl -n ${pod.podRef.namespace} logs ${pod.podRef.name} | grep 'login unauthorized' | ` +
        'tail -n 1',
    );
  }
  if (offers.vaultLog) list.push("Vault's own reason: grep 'login unauthorized' .lab/logs/vault.log | tail -n 1");
  if (offers.trace) list.push("the TokenReview itself: traceTokenReviews() from notebook 04's tracer");
  return list.join('; ');
}

/** The three hints for a refused login, from general to exact. */
export function refusedHints(live: Live, offers: Offers): string[] {
  const first = brokenCauses(live)[0];
  return [
    `Start where the application does. ${loginAnswer(live)}. That answer points at ${pointsAt(live)}.`,
    `Read each part of the chain and compare it with what it should be: ${sources(live, offers)}.`,
    first
      ? `One piece of evidence the servers show now: ${observe(first, live).evidence}. Name the cause it shows, ` +
        `then fix it.`
      : `No cause of the vocabulary shows in the live state, so something outside it changed: ${loginAnswer(live)}.`,
  ];
}

/** True when `cause` is one of the vocabulary's words. */
export const isCause = (cause: string): cause is Cause => (CAUSES as readonly string[]).includes(cause);
