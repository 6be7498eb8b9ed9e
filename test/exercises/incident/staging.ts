// Incident mode's cases against the real servers, for any lab: stage exact causes under a journal whose seed draws
// them, wait until the live state shows them, and walk one cause or one pair from broken to fixed. The lab with
// Vault on the host runs them in incident.int.test.ts, the lab with Vault in a pod in the kind backend's tests.
import { expect } from 'vitest';
import { CAUSES, CAUSE_INFO, canCoexist, specWith, type Cause } from '../../../src/exercises/incident/causes.js';
import { causesFor, drawCauses, stagingOf } from '../../../src/exercises/incident/draw.js';
import { writeJournal } from '../../../src/exercises/incident/journal.js';
import { readLive, type Live } from '../../../src/exercises/incident/live.js';
import { brokenCauses, observe } from '../../../src/exercises/incident/observe.js';
import { nameCause, openIncident } from '../../../src/exercises/incident/open.js';
import { BASE, build } from '../../../src/exercises/incident/setup.js';
import { task } from '../../../src/exercises/task-list.js';
import type { Lab, Outcome } from '../../../src/exercises/types.js';
import { repeat } from '../../../src/poll.js';

export const incident = task('08-incident');
export const finding = (o: Outcome) => (o.ok ? 'passed' : o.finding);

/** Every pair of `pool` that can be broken together. */
export const pairsOf = (pool: readonly Cause[]) =>
  pool.flatMap((a, i) => pool.slice(i + 1).flatMap((b) => (canCoexist(a, b) ? [[a, b] as const] : [])));

/** A seed whose draw is exactly `causes`, on this lab. */
function seedFor(lab: Lab, causes: readonly Cause[]): number {
  for (let seed = 0; seed < 100_000; seed++) {
    if (drawCauses(seed, causes.length, causesFor(stagingOf(lab))).join() === causes.join()) return seed;
  }
  throw new Error(`no seed draws ${causes.join(' + ')}`);
}

/** Stages exactly `causes` under a journal whose seed draws them (one cause: a journal of one). */
export async function stage(lab: Lab, causes: readonly Cause[]): Promise<void> {
  const seed = seedFor(lab, causes);
  if (causes.length > 1) {
    expect(await openIncident(lab, seed, causes.length)).toEqual(causes);
    return;
  }
  await build(lab, specWith(BASE, causes));
  await writeJournal(lab, { seed, count: causes.length, started: new Date().toISOString(), entries: [] });
}

/** The live state once it shows exactly `want` broken: RBAC reaches the authorizer a moment after the write. */
export async function settled(lab: Lab, want: readonly Cause[]): Promise<Live> {
  const { answer } = await repeat(
    () => readLive(lab),
    (l) => brokenCauses(l).join() === want.join() && (l.login.status === 200) === (want.length === 0),
    { timeoutMs: 15_000, intervalMs: 300 },
  );
  return answer;
}

/** One cause: seen exactly, refused, ✗ until named and fixed, a wrong name ruled out by its evidence, then ✓. */
export async function causeAlone(lab: Lab, cause: Cause): Promise<void> {
  await stage(lab, [cause]);
  const live = await settled(lab, [cause]);
  expect(brokenCauses(live)).toEqual([cause]);
  const refused = await incident.check(lab);
  expect(finding(refused)).toBe('refused');
  if (!refused.ok) expect(refused.hints.at(-1)).toContain(observe(cause, live).evidence);

  const other = CAUSES.find((c) => c !== cause) as Cause;
  const wrong = await nameCause(lab, { cause: other, evidence: 'a hunch' });
  expect(wrong.verdict).toBe('wrong');
  expect(wrong.text).toContain(observe(other, live).evidence);
  expect(await nameCause(lab, { cause, evidence: 'read it' })).toMatchObject({ verdict: 'right' });
  expect(finding(await incident.check(lab)), 'named, not fixed').toBe('refused');

  await build(lab, BASE);
  expect((await settled(lab, [])).reviewerReview?.status, "the reviewer's TokenReview, once all is fixed").toBe(201);
  const solved = await incident.check(lab);
  expect(solved).toMatchObject({ ok: true });
  if (solved.ok) expect(solved.details).toContain(CAUSE_INFO[cause].fix(live));
}

/** Two causes: both seen and refused; with the first fixed, the second still shows and refuses. */
export async function causePair(lab: Lab, a: Cause, b: Cause): Promise<void> {
  await stage(lab, [a, b]);
  await settled(lab, [a, b]);
  expect(finding(await incident.check(lab))).toBe('refused');
  await build(lab, specWith(BASE, [b]));
  await settled(lab, [b]);
  expect(finding(await incident.check(lab))).toBe('refused');
}
