// Three learners run every notebook at the same time, each from their own env bundle in their own
// kernels, on one shared cluster and Vault (the local backend standing in for the host's). Every run
// must pass, and afterwards every object a learner made carries that learner's prefix and refers only
// to that learner's namespaces, so no run touched another's objects.
// LAB_WORKSHOP_NOTEBOOKS names another directory of notebooks to run (copies being checked before they land).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeProblems, executeNotebooks } from '../../../src/jupyter/notebooks.js';
import { prepare, teardownWorkshop } from '../../../src/lab/workshop/prepare.js';
import { silent } from '../../../src/output/progress.js';
import { repoRoot } from '../../../src/paths.js';
import { uniqueName } from '../../helpers.js';
import { labCli, localHost, snapshot, tempDir } from './fixture.js';

const LEARNERS = 3;
const host = localHost();
const dir = tempDir('learners');
const base = uniqueName('c').replace('-', '');
const prefixes = Array.from({ length: LEARNERS }, (_, i) => `${base}-0${i + 1}`);
const stateDirs = new Map<string, string>();
const notebookDir = process.env.LAB_WORKSHOP_NOTEBOOKS ?? join(repoRoot, 'notebooks');
const notebooks = readdirSync(notebookDir).filter((f) => /^\d\d-.+\.ipynb$/.test(f)).sort();

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
  for (const state of stateDirs.values()) await labCli(state, ['down']);
  await teardownWorkshop(host, silent);
});

/** The learner whose prefix a name carries, or undefined for a name no learner may make. */
const ownerOf = (name: string) => prefixes.find((p) => name.startsWith(`${p}-`));

describe(`${LEARNERS} learners on one cluster and Vault`, () => {
  it('run every notebook at the same time, in their own kernels, and all pass', { timeout: notebooks.length * LEARNERS * 180_000 }, async () => {
    const before = await snapshot(host);
    const paths = notebooks.map((name) => join(notebookDir, name));
    const runs = prefixes.map(async (prefix) => {
      const results = await executeNotebooks(paths, { env: { LAB_STATE_DIR: stateDirs.get(prefix) ?? '' } });
      return results.flatMap(({ problems }, k) => (problems.length > 0 ? [`${prefix}: ${describeProblems(paths[k] ?? '', problems)}`] : []));
    });
    expect((await Promise.all(runs)).flat()).toEqual([]);

    // What the runs made: each new cluster-wide name or Vault mount belongs to one learner, and each new
    // ClusterRoleBinding names subjects of that learner's namespaces only.
    const after = await snapshot(host);
    const added = (key: string) => (after[key] ?? []).filter((n) => !(before[key] ?? []).includes(n));
    for (const key of ['namespaces', 'clusterRoleBindings', 'vaultAuthMounts']) {
      expect(added(key).filter((n) => !ownerOf(n)), `${key} without a learner's prefix`).toEqual([]);
    }
    for (const name of added('clusterRoleBindings')) {
      const binding = await (await host.kube.api).rbac.readClusterRoleBinding({ name });
      const owner = ownerOf(name);
      expect((binding.subjects ?? []).filter((s) => ownerOf(s.namespace ?? '') !== owner), `subjects of ${name}`).toEqual([]);
    }
  });
});
