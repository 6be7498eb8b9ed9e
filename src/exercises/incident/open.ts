// Opening an incident and naming its causes, as plain calls on a lab: the notebook's incident() and diagnose()
// show what these return, and the tests call them directly against the real servers.
import { LabError } from '../../errors.js';
import type { Lab } from '../types.js';
import { CAUSES, specWith, type Cause } from './causes.js';
import { FAULT_COUNTS, causesFor, drawCauses, stagingOf } from './draw.js';
import { isCause, loginAnswer } from './hints.js';
import { append, readJournal, stagedCauses, writeJournal, type Diagnosis } from './journal.js';
import { readLive } from './live.js';
import { observe } from './observe.js';
import { BASE, build } from './setup.js';

/** A working login for lab-incident/app, then `count` causes broken at once, drawn from the seed; a new journal. */
export async function openIncident(lab: Lab, seed: number, count: number): Promise<Cause[]> {
  if (!(FAULT_COUNTS as readonly number[]).includes(count)) {
    throw new LabError(`An incident breaks 2 or 3 things, not ${count}.`, 'call incident(seed, { faults: 2 }) or 3');
  }
  const causes = drawCauses(seed, count, causesFor(stagingOf(lab)));
  await build(lab, specWith(BASE, causes));
  await writeJournal(lab, { seed, count, started: new Date().toISOString(), entries: [] });
  return causes;
}

export interface Named {
  verdict: Diagnosis['verdict'] | 'no-evidence';
  /** What the live servers say about the named cause, in the learner's words. */
  text: string;
}

/** Judges a named cause on the live servers and writes it in the journal (unless it came without evidence). */
export async function nameCause(lab: Lab, answer: { cause: string; evidence: string }): Promise<Named> {
  if (!isCause(answer.cause)) {
    throw new LabError(`"${answer.cause}" is not a cause of the vocabulary.`, `name one of: ${CAUSES.join(', ')}`);
  }
  const journal = await readJournal(lab);
  if (!journal) throw new LabError('No incident is running.', 'run the cell that calls incident() first');
  if (!answer.evidence.trim()) {
    return { verdict: 'no-evidence', text: 'name the evidence you relied on: the command, and what it said.' };
  }
  const live = await readLive(lab);
  const seen = observe(answer.cause, live);
  const staged = stagedCauses(stagingOf(lab), journal);
  const verdict = seen.broken ? 'right' : staged.includes(answer.cause) ? 'late' : 'wrong';
  const at = new Date().toISOString();
  await append(lab, journal, [{ at, kind: 'diagnosis', cause: answer.cause, evidence: answer.evidence, verdict }]);
  const text = {
    right: `it is broken now. ${seen.evidence}.`,
    late: `it was broken when the incident began, and is fixed already: named after its fix. ${seen.evidence}.`,
    wrong: `the live state rules it out: ${seen.evidence}. Meanwhile, ${loginAnswer(live)}.`,
  }[verdict];
  return { verdict, text };
}
