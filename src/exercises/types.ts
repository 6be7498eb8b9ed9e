// The shapes every task shares: what a check may use (the lab's real clients), and what it answers.
import type { LabState, Offers } from '../backends/state.js';
import type { KubeTarget } from '../http.js';
import type { Kube } from '../kube/kube-client.js';
import type { VaultClient } from '../vault/vault-client.js';

/** The lab a notebook holds (`const lab = await setup()`), and what every check and solution works with. */
export interface Lab {
  backend: LabState['backend'];
  state: LabState;
  /** Access to the API server through @kubernetes/client-node (what kubectl uses). */
  kube: Kube;
  /** The API server as curl sees it: URL and CA, with no credentials. */
  api: KubeTarget;
  /** Vault with the lab's token (what `vault` uses after `source .lab/env`). */
  vault: VaultClient;
  /** The learner's name for a namespace, ClusterRoleBinding or Vault mount (see lab/names.ts). */
  name: (base: string) => string;
  /** The learner's prefix: '' alone on a laptop, set by the env bundle on a workshop's shared cluster. */
  prefix: string;
  /** What only a lab that runs its own servers offers; false on a shared cluster and Vault (backend existing). */
  offers: Offers;
  /**
   * PEM of the cluster's service-account signing key (the challenge's expired token); throws where the backend cannot
   * read it.
   */
  signingKey: () => Promise<string>;
}

/** A passed check: what the real servers proved. */
export interface Passed {
  ok: true;
  proved: string;
  /** A longer report under the ✓ line (the incident's debrief), as plain text. */
  details?: string;
}

/** A failed check: what it found, named so tests can hold it, and hints from general to exact. */
export interface Failed {
  ok: false;
  /** A short id of the situation found ("rolebinding", "missing", ...): tests and the escalation key on it. */
  finding: string;
  /** What the check found, in the learner's terms. */
  found: string;
  /** Each repeated try of the same finding shows the next, more specific hint; the last is the exact step. */
  hints: string[];
}

export type Outcome = Passed | Failed;

/** A typical wrong attempt, tried against the real servers, and the finding it must produce. */
export interface WrongAttempt {
  /** What the learner did, in words. */
  what: string;
  /** The same as notebook code (the recordings and the three-state test run it in the task's cell). */
  cell: string;
  finding: string;
}

/** One "Your turn" task: its check, its solution, and how to start it over. */
export interface Task {
  id: string;
  /** The notebook it belongs to, such as "03-tokenreview". */
  notebook: string;
  /** The task in one line, as the progress table shows it. */
  title: string;
  /** Reads the live servers and answers; never throws for a learner's mistake. */
  check: (lab: Lab) => Promise<Outcome>;
  /** Does exactly what the task asks; returns what it did, in one line. */
  solve: (lab: Lab) => Promise<string>;
  /** Removes what the task and its attempts create, so the task is untouched again. */
  reset: (lab: Lab) => Promise<void>;
  attempts: readonly WrongAttempt[];
  /**
   * False when the notebook sets the task up itself (the challenge): an attempt then starts from there, not from a
   * reset.
   */
  resetBeforeAttempt?: boolean;
}

/** A failed check with its hints. */
export const failed = (finding: string, found: string, hints: string[]): Failed => ({
  ok: false,
  finding,
  found,
  hints,
});
