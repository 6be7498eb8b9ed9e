// The 03-bind solution from the state a learner leaves behind: every typical wrong attempt, one after
// another and never undone, then the solution. The check must turn ✓, and no wrong binding may stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { task } from '../../../src/exercises/task-list.js';
import type { Lab } from '../../../src/exercises/types.js';
import { runningLab } from '../../../src/notebook/practice.js';
import { repeat } from '../../../src/poll.js';

const bind = task('03-bind');
let lab: Lab;

/** Runs an attempt's notebook code as the kernel would, with `lab` in scope. */
async function runCell(source: string): Promise<void> {
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (lab: Lab) => Promise<void>;
  await new AsyncFunction('lab', source)(lab);
}

beforeAll(async () => {
  lab = await runningLab();
});

afterAll(async () => {
  await bind.reset(lab);
});

describe('03-bind', () => {
  it("solves from every wrong attempt's leftovers, and removes them", async () => {
    await bind.solve(lab); // the namespace and worker, as the notebook's cells make them
    await bind.reset(lab);
    for (const attempt of bind.attempts) await runCell(attempt.cell);
    const wrong = await bind.check(lab);
    expect(wrong.ok).toBe(false);

    const did = await bind.solve(lab);
    expect(did).toMatch(/delete rolebinding worker-auth-delegator/);
    expect(did).toMatch(/kubectl create clusterrolebinding/);
    const { answer } = await repeat(
      () => bind.check(lab),
      (o) => o.ok,
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    expect(answer).toMatchObject({ ok: true });
    const { rbac } = await lab.kube.api;
    const left = await rbac.listNamespacedRoleBinding({ namespace: lab.name('lab-review') });
    expect(left.items.map((b) => b.metadata?.name)).toEqual([]);
    const cluster = await rbac.listClusterRoleBinding();
    const places = [lab.name('lab-review'), 'default'];
    const naming = cluster.items.filter((b) =>
      (b.subjects ?? []).some((s) => s.name === 'worker' && places.includes(s.namespace ?? '')),
    );
    expect(naming.map((b) => [b.metadata?.name, b.roleRef.name])).toEqual([
      [lab.name('lab-review-worker-auth-delegator'), 'system:auth-delegator'],
    ]);
  });
});
