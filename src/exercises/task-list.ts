// Every "Your turn" task, in notebook order. A check or solution asked for by name finds it here.
import { LabError } from '../errors.js';
import { bindTask } from './tasks/bind.js';
import { clusterRoleTask } from './tasks/clusterrole.js';
import { diagnoseTask } from './tasks/diagnose.js';
import { incidentTask } from './incident/task.js';
import { tokenSecretTask } from './tasks/token-secret.js';
import { vaultRoleTask } from './tasks/vault-role.js';
import type { Task } from './types.js';

export const TASKS: readonly Task[] = [
  clusterRoleTask,
  tokenSecretTask,
  bindTask,
  vaultRoleTask,
  diagnoseTask,
  incidentTask,
];

/** The task called `id`; an unknown name throws, listing the valid ones. */
export function task(id: string): Task {
  const found = TASKS.find((t) => t.id === id);
  if (!found) {
    throw new LabError(`There is no task "${id}".`, `use one of: ${TASKS.map((t) => t.id).join(', ')}`);
  }
  return found;
}
