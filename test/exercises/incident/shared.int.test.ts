// Incident mode as a workshop learner, on the shared cluster and Vault (the local backend standing in for the
// host's), with nothing but the learner's own env bundle: no cause that needs the signing key is drawn, each
// other cause is staged and seen with the learner's rights alone, and the solution works with them too.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readState } from '../../../src/backends/state.js';
import { CAUSES, specWith } from '../../../src/exercises/incident/causes.js';
import { causesFor, drawCauses, stagingOf } from '../../../src/exercises/incident/draw.js';
import { readLive } from '../../../src/exercises/incident/live.js';
import { brokenCauses } from '../../../src/exercises/incident/observe.js';
import { openIncident } from '../../../src/exercises/incident/open.js';
import { BASE, build } from '../../../src/exercises/incident/setup.js';
import { task } from '../../../src/exercises/task-list.js';
import type { Lab } from '../../../src/exercises/types.js';
import { prepare } from '../../../src/lab/workshop/prepare.js';
import { teardownWorkshop } from '../../../src/lab/workshop/workshop-teardown.js';
import { labFor } from '../../../src/notebook/session.js';
import { silent } from '../../../src/output/steps.js';
import { repeat } from '../../../src/poll.js';
import { uniqueName } from '../../helpers.js';
import { labCli, localHost } from '../../lab/workshop/fixture.js';
import { removeTempDirs, tempDir } from '../../scratch.js';

const host = await localHost();
const dir = tempDir('incident');
const prefix = `${uniqueName('i').replace('-', '')}-01`;
const stateDir = tempDir('incident-state');
let learner: Lab;

beforeAll(async () => {
  await prepare(host, { learners: 1, prefix: prefix.slice(0, -3), dir, hours: 1 }, silent);
  const up = await labCli(stateDir, ['up', '--env', join(dir, `${prefix}.env`)]);
  if (up.exitCode !== 0) throw new Error(`up --env failed:\n${up.all}`);
  const before = process.env.LAB_STATE_DIR;
  process.env.LAB_STATE_DIR = stateDir;
  try {
    const state = readState();
    if (!state) throw new Error('up --env wrote no state');
    learner = labFor(state);
  } finally {
    if (before === undefined) delete process.env.LAB_STATE_DIR;
    else process.env.LAB_STATE_DIR = before;
  }
});

afterAll(async () => {
  try {
    await labCli(stateDir, ['down']);
    await teardownWorkshop(host, silent);
  } finally {
    removeTempDirs();
  }
});

const settled = (want: readonly string[]) =>
  repeat(
    () => readLive(learner),
    (l) => brokenCauses(l).join() === want.join(),
    { timeoutMs: 15_000, intervalMs: 300 },
  );

describe('incident mode on a shared cluster and Vault', () => {
  it("never draws the expired JWT, which needs the host-only signing key, nor Vault's own binding", () => {
    expect(learner.offers.signingKey).toBe(false);
    const pool = causesFor(stagingOf(learner));
    expect(pool).toEqual(CAUSES.filter((c) => c !== 'expiry' && c !== 'vault-binding'));
    for (let seed = 0; seed < 500; seed++) expect(drawCauses(seed, 3, pool)).not.toContain('expiry');
  });

  it.each(causesFor({ signingKey: false }))('stages %s with the learner rights alone, and sees it', async (cause) => {
    await build(learner, specWith(BASE, [cause]));
    const { done, answer } = await settled([cause]);
    expect(done, JSON.stringify(brokenCauses(answer))).toBe(true);
    expect(answer.login.status).not.toBe(200);
  });

  it('opens an incident under the prefix, and the solution turns the check ✓', async () => {
    const causes = await openIncident(learner, 7, 3);
    expect(causes.every((c) => c !== 'expiry')).toBe(true);
    const incident = task('08-incident');
    await incident.solve(learner);
    const { answer } = await repeat(
      () => incident.check(learner),
      (o) => o.ok,
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    expect(answer).toMatchObject({ ok: true });
    await incident.reset(learner);
  });
});
