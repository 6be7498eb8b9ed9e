// Incident mode against the real servers: every cause alone and every pair that can coexist is staged, seen in
// the live state exactly, and refused at the application's login. The check stays ✗ until each cause is both
// named and fixed, a wrong name gets the evidence that rules it out, and the solution turns the check ✓.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAUSES, CAUSE_INFO, canCoexist, specWith, type Cause } from '../../../src/exercises/incident/causes.js';
import { causesFor, drawCauses } from '../../../src/exercises/incident/draw.js';
import { readJournal, writeJournal } from '../../../src/exercises/incident/journal.js';
import { readLive, type Live } from '../../../src/exercises/incident/live.js';
import { brokenCauses, observe } from '../../../src/exercises/incident/observe.js';
import { nameCause, openIncident } from '../../../src/exercises/incident/open.js';
import { BASE, REVIEWER_JWT, build, incidentNames } from '../../../src/exercises/incident/setup.js';
import { task } from '../../../src/exercises/task-list.js';
import type { Lab, Outcome } from '../../../src/exercises/types.js';
import { runningLab } from '../../../src/notebook/practice.js';
import { repeat } from '../../../src/poll.js';

const incident = task('08-incident');
let lab: Lab;

beforeAll(async () => {
  lab = await runningLab();
});

afterAll(async () => {
  await incident.reset(lab);
});

/** A seed whose draw is exactly `causes`, on this lab. */
function seedFor(causes: readonly Cause[]): number {
  for (let seed = 0; seed < 100_000; seed++) {
    if (drawCauses(seed, causes.length, causesFor(lab.offers)).join() === causes.join()) return seed;
  }
  throw new Error(`no seed draws ${causes.join(' + ')}`);
}

/** Stages exactly `causes` under a journal whose seed draws them (one cause: a journal of one). */
async function stage(causes: readonly Cause[]): Promise<void> {
  const seed = seedFor(causes);
  if (causes.length > 1) {
    expect(await openIncident(lab, seed, causes.length)).toEqual(causes);
    return;
  }
  await build(lab, specWith(BASE, causes));
  await writeJournal(lab, { seed, count: causes.length, started: new Date().toISOString(), entries: [] });
}

/** The live state once it shows exactly `want` broken: RBAC reaches the authorizer a moment after the write. */
async function settled(want: readonly Cause[]): Promise<Live> {
  const { answer } = await repeat(
    () => readLive(lab),
    (l) => brokenCauses(l).join() === want.join() && (l.login.status === 200) === (want.length === 0),
    { timeoutMs: 15_000, intervalMs: 300 },
  );
  return answer;
}

const finding = (o: Outcome) => (o.ok ? 'passed' : o.finding);

describe.each(CAUSES.filter((c) => causesFor({ signingKey: true }).includes(c)))('cause alone: %s', (cause) => {
  it('is seen exactly, refused, ✗ until named and fixed, and a wrong name is ruled out by its evidence', async () => {
    await stage([cause]);
    const live = await settled([cause]);
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
    expect((await settled([])).reviewerReview?.status, "the reviewer's TokenReview, once all is fixed").toBe(201);
    const solved = await incident.check(lab);
    expect(solved).toMatchObject({ ok: true });
    if (solved.ok) expect(solved.details).toContain(CAUSE_INFO[cause].fix(live));
  });
});

const PAIRS = CAUSES.flatMap((a, i) => CAUSES.slice(i + 1).flatMap((b) => (canCoexist(a, b) ? [[a, b] as const] : [])));

describe('every pair that can coexist', () => {
  it.each(PAIRS.filter((pair) => pair.every((c) => causesFor({ signingKey: true }).includes(c))))(
    '%s + %s: both seen and refused; with the first fixed, the second still shows and refuses',
    async (a, b) => {
      await stage([a, b]);
      await settled([a, b]);
      expect(finding(await incident.check(lab))).toBe('refused');
      await build(lab, specWith(BASE, [b]));
      await settled([b]);
      expect(finding(await incident.check(lab))).toBe('refused');
    },
  );
});

describe('the check and the journal', () => {
  it('reports a fix without a diagnosis as "fixed, not diagnosed", and passes once each cause is named', async () => {
    await stage(['host', 'issuer']);
    await settled(['host', 'issuer']);
    await build(lab, BASE);
    await settled([]);
    const silent = await incident.check(lab);
    expect(finding(silent)).toBe('not-diagnosed');
    if (!silent.ok) expect(silent.found).toContain('2 of 2 causes were fixed, not diagnosed');
    expect(await nameCause(lab, { cause: 'host', evidence: 'the config named a closed port' })).toMatchObject({
      verdict: 'late',
    });
    expect(finding(await incident.check(lab))).toBe('not-diagnosed');
    await nameCause(lab, { cause: 'issuer', evidence: 'iss differed' });
    const passed = await incident.check(lab);
    expect(passed).toMatchObject({ ok: true });
    if (passed.ok) expect(passed.details).toContain('host, ✓ broken, but already fixed');
  });

  it('takes no diagnosis without evidence', async () => {
    await stage(['audience', 'role-name']);
    expect(await nameCause(lab, { cause: 'audience', evidence: '  ' })).toMatchObject({ verdict: 'no-evidence' });
    expect((await readJournal(lab))?.entries).toEqual([]);
  });

  it('is ✗ while a fixed login still rests on a dead JWT in the Secret Vault is written from', async () => {
    await stage(['reviewer-dead']);
    const dead = await settled(['reviewer-dead']);
    // The TokenReview Vault sends, sent with the dead JWT as the bearer: the API server does not know it any more.
    expect(dead.reviewerReview?.status).toBe(401);
    expect(observe('reviewer-dead', dead).evidence).toContain('a TokenReview with it as the bearer answers 401');
    const { reviewer, mount } = incidentNames(lab);
    // Vault gets a fresh reviewer JWT by hand; the Secret keeps the dead one.
    await lab.vault.must('POST', `auth/${mount}/config`, {
      kubernetes_host: lab.api.server,
      kubernetes_ca_cert: lab.api.ca,
      token_reviewer_jwt: await lab.kube.requestToken(reviewer),
      disable_local_ca_jwt: true,
    });
    const { answer } = await repeat(
      () => incident.check(lab),
      (o) => finding(o) !== 'refused',
      { timeoutMs: 15_000, intervalMs: 300 },
    );
    expect(finding(answer)).toBe('still-broken');
    if (!answer.ok) expect(answer.found).toContain(`the JWT in the Secret ${REVIEWER_JWT} names the account UID`);
  });

  it('is ✓ after the solution of three causes at once, which names each with its evidence', async () => {
    const causes = await openIncident(lab, 11, 3);
    expect(causes).toHaveLength(3);
    await settled(causes);
    const did = await incident.solve(lab);
    expect(did).toContain(`Named from the live state: ${causes.join(', ')}`);
    const { answer } = await repeat(
      () => incident.check(lab),
      (o) => o.ok,
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    expect(answer).toMatchObject({ ok: true });
    if (answer.ok) for (const c of causes) expect(answer.details).toContain(`${c}, ✓ broken, named by the solution`);
  });
});
