// The shapes every task shares: what a check may use (the lab's real clients), and what it answers.
import type { LabState } from '../backends/state.js';
import type { KubeTarget } from '../http.js';
import type { Kube } from '../kube/client.js';
import type { VaultClient } from '../vault/client.js';

/** What a check needs from the lab: the same clients and name function a notebook's `lab` holds. */
export interface LabContext {
  state: LabState;
  kube: Kube;
  api: KubeTarget;
  vault: VaultClient;
  /** The learner's name for a namespace, ClusterRoleBinding or Vault mount (lab.name in a notebook). */
  name: (base: string) => string;
  /** PEM of the cluster's service-account signing key (for the challenge's expired token). */
  signingKey: () => Promise<string>;
}

/** A passed check: what the real servers proved. */
export interface Passed {
  ok: true;
  proved: string;
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
  check: (lab: LabContext) => Promise<Outcome>;
  /** Does exactly what the task asks; returns what it did, in one line. */
  solve: (lab: LabContext) => Promise<string>;
  /** Removes what the task and its attempts create, so the task is untouched again. */
  reset: (lab: LabContext) => Promise<void>;
  attempts: readonly WrongAttempt[];
  /** False when the notebook sets the task up itself (the challenge): an attempt then starts from there, not from a reset. */
  resetBeforeAttempt?: boolean;
}

/** A failed check with its hints. */
export const failed = (finding: string, found: string, hints: string[]): Failed => ({ ok: false, finding, found, hints });
