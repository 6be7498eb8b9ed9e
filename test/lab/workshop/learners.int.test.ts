// Three learners run every notebook at the same time, each from their own env bundle in their own
// kernels, on one shared cluster and Vault (the local backend standing in for the host's). Every run
// must pass. While they run, a watch on the API server and a poll of Vault see every ClusterRole, binding
// and auth mount the runs make, even those a notebook removes again, and each must carry its learner's
// prefix and name only that learner's accounts.
// LAB_WORKSHOP_NOTEBOOKS names another directory of notebooks to run (copies being checked before they land).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProblems, executeNotebooks } from '../../../src/jupyter/notebooks.js';
import { learnerPlan } from '../../../src/lab/workshop/plan.js';
import { prepare } from '../../../src/lab/workshop/prepare.js';
import { teardownWorkshop } from '../../../src/lab/workshop/workshop-teardown.js';
import { silent } from '../../../src/output/steps.js';
import { repoRoot } from '../../../src/paths.js';
import { selectNotebooks } from '../../../src/record/notebooks/select.js';
import { lab, uniqueName } from '../../helpers.js';
import { labCli, localHost } from './fixture.js';
import { removeTempDirs, tempDir } from '../../scratch.js';

const LEARNERS = 3;
const host = await localHost();
const dir = tempDir('learners');
const base = uniqueName('c').replace('-', '');
const prefixes = Array.from({ length: LEARNERS }, (_, i) => `${base}-0${i + 1}`);
const stateDirs = new Map<string, string>();
const notebookDir = process.env.LAB_WORKSHOP_NOTEBOOKS ?? join(repoRoot, 'notebooks');
// Notebook 07 needs Vault as a pod in the lab's own kind cluster, which a shared Vault never is.
const notebooks = selectNotebooks(readdirSync(notebookDir)).notebooks;

beforeAll(async () => {
  await prepare(host, { learners: LEARNERS, prefix: base, dir, hours: 2 }, silent);
  for (const prefix of prefixes) {
    const state = tempDir(`state-${prefix}`);
    const up = await labCli(state, ['up', '--env', join(dir, `${prefix}.env`)]);
    if (up.exitCode !== 0) throw new Error(`up --env for ${prefix} failed:\n${up.all}`);
    stateDirs.set(prefix, state);
  }
});

afterAll(async () => {
  try {
    for (const state of stateDirs.values()) await labCli(state, ['down']);
    await teardownWorkshop(host, silent);
  } finally {
    removeTempDirs();
  }
});

/** The learner whose prefix a name carries, or undefined for a name no learner may make. */
const ownerOf = (name: string) => prefixes.find((p) => name.startsWith(`${p}-`));

interface Seen {
  kind: string;
  name: string;
  namespace?: string;
  subjects: Array<{ kind: string; name: string; namespace?: string }>;
}

/** Watches the RBAC objects of the whole cluster and records every one added or changed, as the API server sent it. */
async function watchRbac(seen: Seen[]): Promise<() => void> {
  const config = new KubeConfig();
  config.loadFromFile(lab().state.kubeconfig);
  const paths = ['clusterroles', 'clusterrolebindings', 'rolebindings'].map(
    (r) => `/apis/rbac.authorization.k8s.io/v1/${r}`,
  );
  const controllers = await Promise.all(
    paths.map((path) =>
      new Watch(config).watch(
        path,
        { resourceVersion: '0' },
        (phase, object) => {
          if (phase === 'ADDED' || phase === 'MODIFIED')
            seen.push({
              kind: object.kind ?? path,
              name: object.metadata?.name,
              namespace: object.metadata?.namespace,
              subjects: object.subjects ?? [],
            });
        },
        () => undefined,
      ),
    ),
  );
  return () => {
    for (const c of controllers) c.abort();
  };
}

/** Polls Vault's auth mounts while the runs go on, recording every path it ever lists. */
function pollMounts(seen: Set<string>): () => void {
  let on = true;
  void (async () => {
    while (on) {
      const mounts = (await host.vault.request<{ data?: Record<string, unknown> }>('GET', 'sys/auth')).json?.data ?? {};
      for (const path of Object.keys(mounts)) seen.add(path);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return () => {
    on = false;
  };
}

describe(`${LEARNERS} learners on one cluster and Vault`, () => {
  it('run every notebook at the same time, in their own kernels, and all pass; everything they made was theirs', {
    timeout: notebooks.length * LEARNERS * 180_000,
  }, async () => {
    const hostMounts = new Set(
      Object.keys((await host.vault.must<{ data?: object }>('GET', 'sys/auth')).json?.data ?? {}),
    );
    const rbac: Seen[] = [];
    const mounts = new Set<string>();
    const stopWatch = await watchRbac(rbac);
    const stopPoll = pollMounts(mounts);
    const paths = notebooks.map((name) => join(notebookDir, name));
    try {
      const runs = prefixes.map(async (prefix) => {
        const results = await executeNotebooks(paths, { env: { LAB_STATE_DIR: stateDirs.get(prefix) ?? '' } });
        return results.flatMap(({ problems }, k) =>
          problems.length > 0 ? [`${prefix}: ${describeProblems(paths[k] ?? '', problems)}`] : [],
        );
      });
      expect((await Promise.all(runs)).flat()).toEqual([]);
    } finally {
      stopWatch();
      stopPoll();
    }
    // Only what the learners made: the workshop's own objects were there before the runs began.
    const made = rbac.filter(
      (o) =>
        prefixes.some((p) => (o.namespace ?? o.name).startsWith(`${p}-`)) &&
        !/-workshop-(learner|bindings)$/.test(o.name) &&
        o.name !== 'workshop-learner',
    );
    for (const prefix of prefixes) {
      // Not vacuous: each learner's notebook 03 made its binding, whichever cell removed it later.
      expect(
        made.map((o) => o.name),
        prefix,
      ).toContain(`${prefix}-lab-review-app-auth-delegator`);
      expect([...mounts], prefix).toContain(`${prefix}-kubernetes/`);
    }
    const own = (prefix: string | undefined) => new Set(prefix ? learnerPlan(prefix).namespaces : []);
    for (const object of made) {
      const owner = ownerOf(object.namespace ?? object.name);
      expect(owner, `${object.kind} ${object.name} carries a learner's prefix`).toBeDefined();
      const foreign = object.subjects.filter(
        (s) => s.kind !== 'ServiceAccount' || !own(owner).has(s.namespace ?? object.namespace ?? ''),
      );
      expect(foreign, `subjects of ${object.kind} ${object.namespace ?? ''}/${object.name}`).toEqual([]);
    }
    const newMounts = [...mounts].filter((m) => !hostMounts.has(m));
    expect(
      newMounts.filter((m) => !ownerOf(m)),
      'Vault mounts without a learner prefix',
    ).toEqual([]);
  });
});
