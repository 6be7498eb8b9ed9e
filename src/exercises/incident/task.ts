// Incident mode as a task: the check passes only when the application logs in again, no cause shows in the live
// state any more, and every cause the incident broke was named with its evidence. The solution reads each broken
// cause's evidence from the live state, names it, and rebuilds the working setup.
import { LabError } from '../../errors.js';
import { failed, type Lab, type Outcome, type Task } from '../types.js';
import { CAUSE_INFO } from './causes.js';
import { stagingOf } from './draw.js';
import { renderDebrief } from './debrief.js';
import { append, named, readJournal, stagedCauses, type Diagnosis } from './journal.js';
import { readLive } from './live.js';
import { brokenCauses, observe } from './observe.js';
import { refusedHints } from './hints.js';
import { BASE, build, incidentNames, unbuild } from './setup.js';

export const INCIDENT_TASK = '08-incident';

const notStarted = (lab: Lab) =>
  failed('not-started', `No incident is running (no ConfigMap ${incidentNames(lab).namespace}/incident-journal).`, [
    'Run the cell above that calls incident(): it sets up a working login, then breaks several things at once.',
  ]);

async function check(lab: Lab): Promise<Outcome> {
  const journal = await readJournal(lab);
  if (!journal) return notStarted(lab);
  const live = await readLive(lab);
  const broken = brokenCauses(live);
  if (live.login.status !== 200) {
    return failed('refused', "The application's login is still refused.", refusedHints(live, lab.offers));
  }
  if (broken.length) {
    const evidence = broken.map((c) => observe(c, live).evidence).join('; ');
    return failed('still-broken', `The application logs in, but the live state still shows a cause: ${evidence}.`, [
      'A login that works today can fail tomorrow: read the evidence above, name its cause, and fix it too.',
    ]);
  }
  const staged = stagedCauses(stagingOf(lab), journal);
  const silent = staged.filter((c) => !named(journal).has(c));
  if (silent.length) {
    return failed(
      'not-diagnosed',
      `The application logs in again, but ${silent.length} of ${staged.length} causes were fixed, not diagnosed.`,
      [
        "Name each cause you fixed, with the evidence that showed it: await diagnose('08-incident', { cause, " +
          'evidence }). A post-mortem needs the cause, not only the fix.',
        `Still to name: ${silent.map((c) => CAUSE_INFO[c].title).join('; ')}.`,
        `Still to name: ${silent.join(', ')}.`,
      ],
    );
  }
  const { namespace } = incidentNames(lab);
  return {
    ok: true,
    proved: `${namespace}/app logged in again, and each of the ${staged.length} causes was named with its evidence`,
    details: renderDebrief(journal, staged, live),
  };
}

export const incidentTask: Task = {
  id: INCIDENT_TASK,
  notebook: '08-incident',
  title: 'the incident: every cause named with its evidence, and fixed',
  check,
  async solve(lab) {
    const journal = await readJournal(lab);
    if (!journal) {
      throw new LabError('There is no incident to solve.', 'run the cell that calls incident() first');
    }
    const live = await readLive(lab);
    const at = new Date().toISOString();
    const already = named(journal);
    const broken = brokenCauses(live);
    const fixedEarlier = stagedCauses(stagingOf(lab), journal).filter((c) => !broken.includes(c));
    const unnamed = [...broken, ...fixedEarlier].filter((c) => !already.has(c));
    const diagnoses = unnamed.map(
      (cause): Diagnosis => ({
        at,
        kind: 'diagnosis',
        cause,
        evidence: observe(cause, live).evidence,
        verdict: broken.includes(cause) ? 'right' : 'late',
        by: 'solution',
      }),
    );
    await append(lab, journal, diagnoses);
    await build(lab, BASE);
    return (
      `Named from the live state: ${broken.join(', ') || 'nothing broken any more'}. Rebuilt the working setup ` +
      '(binding, reviewer JWT, config, role, settings and a fresh application JWT).'
    );
  },
  reset: unbuild,
  resetBeforeAttempt: false,
  attempts: [
    {
      what: 'names a cause from a hunch, before reading any evidence',
      cell: "await diagnose('08-incident', { cause: 'expiry', evidence: 'tokens expire all the time' });",
      finding: 'refused',
    },
  ],
};
