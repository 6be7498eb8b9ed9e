// Vault as a pod in the kind cluster (`up --backend kind --vault in-cluster`), against the real cluster and the
// real Vault: notebook 07 twice in a row, the application pod reading its secret, the reviewer token that dies
// with its pod, the recording of 07, and incident mode with the cause only a Vault in a pod has. The lab the other kind tests share runs Vault on the host, so this file
// swaps it for one with Vault in the cluster, and puts back what ran before it when it is done.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../../src/backends/state.js';
import { causesFor } from '../../../src/exercises/incident/draw.js';
import type { Lab } from '../../../src/exercises/types.js';
import { traces } from '../../../src/jupyter/answers.js';
import { cellText, describeProblems, executeNotebooks, type Notebook } from '../../../src/jupyter/notebooks.js';
import { Kind } from '../../../src/kind/cli.js';
import { down } from '../../../src/lab/down.js';
import { record, recordingsDir } from '../../../src/lab/record.js';
import { up } from '../../../src/lab/up.js';
import { runningLab } from '../../../src/notebook/practice.js';
import { Steps } from '../../../src/output/steps.js';
import { repoRoot } from '../../../src/paths.js';
import { ownedBy, selectNotebooks } from '../../../src/record/notebooks/select.js';
import { causeAlone, causePair, incident, pairsOf } from '../../exercises/incident/staging.js';
import { differences } from '../../record/differences.js';

const progress = new Steps(process.stderr, false);
const dir = join(repoRoot, 'notebooks');
const [NOTEBOOK = ''] = selectNotebooks(readdirSync(dir), [], 'in-cluster').notebooks;
const scratch = mkdtempSync(join(tmpdir(), 'lab-in-cluster-'));
let before: ReturnType<typeof readState>;

beforeAll(async () => {
  before = readState();
  await down();
  await up(progress, { backend: 'kind', vault: 'in-cluster' });
}, 600_000);

afterAll(async () => {
  try {
    await down();
    if (before) await up(progress, { backend: before.backend, vault: before.vault.place });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}, 600_000);

/** Index of the first code cell after `after` whose shown text matches every pattern. */
function cellShowing(nb: Notebook, patterns: Array<string | RegExp>, after = -1): number {
  return nb.cells.findIndex(
    (cell, i) =>
      i > after &&
      cell.cell_type === 'code' &&
      patterns.every((p) => (typeof p === 'string' ? cellText(cell).includes(p) : p.test(cellText(cell)))),
  );
}

/** What notebook 07 must show, from what the real kubectl, vault and the app's pod printed. */
function outcomes(nb: Notebook): void {
  // The tracer's record: Vault's own pod is the bearer, granted while bound, then refused; in the peer cluster its
  // token means nothing (401) until the peer's own reviewer is the bearer.
  const vaultPod = 'system:serviceaccount:vault:vault (pod vault-0)';
  const peerApp = 'system:serviceaccount:default:app';
  expect(traces(nb).map(({ bearer, reviewed, status }) => [bearer, reviewed, status])).toEqual([
    [vaultPod, 'system:serviceaccount:lab-app:app (pod app)', 201],
    [vaultPod, 'system:serviceaccount:lab-app:app (pod app)', 403],
    [vaultPod, peerApp, 401],
    ['system:serviceaccount:default:vault-reviewer', peerApp, 201],
  ]);
  const chart = cellShowing(nb, [/vault-server-binding +system:auth-delegator +vault +vault/]);
  expect(chart, "the chart's binding: Vault's own account to system:auth-delegator").toBeGreaterThan(-1);
  const config = cellShowing(nb, [
    /token_reviewer_jwt_set +false/,
    /kubernetes_host +https:\/\/kubernetes\.default\.svc/,
  ]);
  expect(config, "Vault's config holds no reviewer JWT").toBeGreaterThan(chart);
  const reads = cellShowing(
    nb,
    ['$ kubectl -n lab-app exec app -- read-secret app secret/data/app/config', '{"greeting":"hello from Vault"}'],
    config,
  );
  expect(reads, 'the application pod reads its secret').toBeGreaterThan(config);
  const refused = cellShowing(nb, ['HTTP/1.1 403 Forbidden', '(exit status 1)'], reads);
  expect(cellText(nb.cells[refused]!), 'without the binding, the login itself is refused').not.toContain('logged in');
  const why = cellShowing(
    nb,
    ['User "system:serviceaccount:vault:vault" cannot create resource "tokenreviews"'],
    refused,
  );
  expect(why, "Vault's log names its own account").toBeGreaterThan(refused);
  const least = cellShowing(nb, ['clusterrolebinding.rbac.authorization.k8s.io/vault-tokenreviewer created'], why);
  const again = cellShowing(nb, ['{"greeting":"hello from Vault"}'], least);
  expect(again, 'the least-privilege role lets the app in again').toBeGreaterThan(least);
  const other = cellShowing(
    nb,
    ['read-secret app secret/data/billing/config', 'logged in with role app', 'HTTP/1.1 403 Forbidden'],
    again,
  );
  expect(other, "another role's secret: logged in, and the read refused").toBeGreaterThan(again);
  const dead = cellShowing(nb, ['HTTP/1.1 403 Forbidden'], cellShowing(nb, [/pod vault-0 now +\S+/], other));
  expect(dead, 'after the Vault pod is replaced, the pinned reviewer token fails').toBeGreaterThan(other);
  const lookup = cellShowing(nb, ['lookup failed: service account unauthorized'], dead);
  expect(lookup, "Vault's log: the API server refused the reviewer").toBeGreaterThan(dead);
  const fixed = cellShowing(nb, [/token_reviewer_jwt_set auth\/kubernetes\/config\nSuccess![^\n]*\nfalse/], lookup);
  expect(cellShowing(nb, ['{"greeting":"hello from Vault"}'], fixed), 'with no pinned token, it works').toBeGreaterThan(
    fixed,
  );
}

describe('Vault in the cluster', () => {
  it('runs Vault as the chart does: the pod vault-0 as the service account vault, behind 127.0.0.1', () => {
    const state = readState();
    expect(state?.vault.place).toBe('in-cluster');
    expect(state?.vault.addr).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it(`${NOTEBOOK} runs top to bottom twice in a row, and shows what it teaches`, async () => {
    const runs = await executeNotebooks([join(dir, NOTEBOOK), join(dir, NOTEBOOK)]);
    for (const run of runs) {
      expect(run.problems, describeProblems(join(dir, NOTEBOOK), run.problems)).toEqual([]);
      outcomes(run.notebook);
    }
    // The second cluster is gone, from Docker and from the lab's records.
    expect(await new Kind().listClusters()).not.toContain(`${readState()?.record?.cluster}-peer`);
    expect(readState()?.record?.peer).toBeUndefined();
  }, 600_000);

  it(`records ${NOTEBOOK} exactly as committed in recordings/kind/`, async () => {
    const committed = recordingsDir('kind');
    const fresh = join(scratch, 'fresh');
    // The notebooks recorded with Vault on the host stay as they are, as in a real recording.
    mkdirSync(fresh);
    for (const f of readdirSync(committed))
      if (ownedBy(f, 'host') && !ownedBy(f, 'in-cluster')) cpSync(join(committed, f), join(fresh, f));
    await record({ progress, backend: 'kind', vault: 'in-cluster', outDir: fresh, verbose: false });
    const stale = differences(committed, fresh);
    expect(
      stale,
      `a fresh recording differs from ${committed}: run \`npm run record -- --backend kind --vault in-cluster\` and commit it:\n${stale.join('\n')}`,
    ).toEqual([]);
  }, 900_000);
});

describe('incident mode with Vault in the pod', () => {
  const POD = causesFor({ signingKey: true, vaultPod: true });
  let lab: Lab;

  beforeAll(async () => {
    lab = await runningLab();
  });

  afterAll(async () => {
    await incident.reset(lab);
  });

  it('stages every cause, Vault reaching the API server at kubernetes.default.svc', () => {
    expect(lab.state.vault.pod?.kubernetesHost).toBe('https://kubernetes.default.svc');
    expect(POD).toContain('vault-binding');
  });

  it.each(POD)('%s alone: seen, refused, ✗ until named and fixed, a wrong name ruled out, then ✓', (cause) =>
    causeAlone(lab, cause),
  );

  it.each(pairsOf(POD).filter((pair) => pair.includes('vault-binding')))(
    '%s + %s: both seen and refused; with the first fixed, the second still shows and refuses',
    (a, b) => causePair(lab, a, b),
  );
});
