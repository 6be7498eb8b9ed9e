// Incident mode against the real servers: every cause alone and every pair that can coexist is staged, seen in
// the live state exactly, and refused at the application's login. The check stays ✗ until each cause is both
// named and fixed, a wrong name gets the evidence that rules it out, and the solution turns the check ✓.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causesFor } from '../../../src/exercises/incident/draw.js';
import { readJournal } from '../../../src/exercises/incident/journal.js';
import { observe } from '../../../src/exercises/incident/observe.js';
import { nameCause, openIncident } from '../../../src/exercises/incident/open.js';
import { BASE, REVIEWER_JWT, build, incidentNames } from '../../../src/exercises/incident/setup.js';
import type { Lab } from '../../../src/exercises/types.js';
import { runningLab } from '../../../src/notebook/practice.js';
import { repeat } from '../../../src/poll.js';
import { causeAlone, causePair, finding, incident, pairsOf, settled, stage } from './staging.js';

let lab: Lab;

beforeAll(async () => {
  lab = await runningLab();
});

afterAll(async () => {
  await incident.reset(lab);
});

// The causes a lab stages with its own cluster and Vault on this machine (in a pod: the kind backend's tests).
const HOST = causesFor({ signingKey: true });

describe.each(HOST)('cause alone: %s', (cause) => {
  it('is seen exactly, refused, ✗ until named and fixed, and a wrong name is ruled out by its evidence', () =>
    causeAlone(lab, cause));
});

describe('every pair that can coexist', () => {
  it.each(pairsOf(HOST))(
    '%s + %s: both seen and refused; with the first fixed, the second still shows and refuses',
    (a, b) => causePair(lab, a, b),
  );
});

describe('the check and the journal', () => {
  it('reports a fix without a diagnosis as "fixed, not diagnosed", and passes once each cause is named', async () => {
    await stage(lab, ['host', 'issuer']);
    await settled(lab, ['host', 'issuer']);
    await build(lab, BASE);
    await settled(lab, []);
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
    await stage(lab, ['audience', 'role-name']);
    expect(await nameCause(lab, { cause: 'audience', evidence: '  ' })).toMatchObject({ verdict: 'no-evidence' });
    expect((await readJournal(lab))?.entries).toEqual([]);
  });

  it('is ✗ while a fixed login still rests on a dead JWT in the Secret Vault is written from', async () => {
    await stage(lab, ['reviewer-dead']);
    const dead = await settled(lab, ['reviewer-dead']);
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
    await settled(lab, causes);
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
