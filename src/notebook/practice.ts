// The notebooks' "Your turn" verbs: check, solve, the diagnosis challenge and predictions, plus the progress
// table that `npm run lab -- progress` and notebook 00 print. Each check reads the live lab every time;
// the only memory is how many times a check found the same mistake, which picks the hint.
import { readState } from '../backends/state.js';
import { LabError } from '../errors.js';
import { emit } from '../output/kernel.js';
import { renderers } from '../output/renderers.js';
import { repeat } from '../poll.js';
import { faultFor, faultsFor, inject, workingSetup, type Fault } from '../exercises/challenge.js';
import { chosenSeed } from '../exercises/seeded.js';
import { TASKS, task } from '../exercises/task-list.js';
import {
  progressTable,
  renderCheck,
  renderPrediction,
  renderSolution,
  type Prediction,
  type ProgressRow,
} from '../exercises/task-render.js';
import type { Lab, Outcome } from '../exercises/types.js';
import { setup, labFor } from './session.js';
import { health } from '../lab/status.js';

const tries = new Map<string, number>();

/** Checks a task against the live lab and shows ✓ or ✗ with a hint; the same mistake again gets the next hint. */
export async function check(id: string): Promise<void> {
  const t = task(id);
  const outcome = await t.check(await setup());
  emit(renderCheck(id, outcome, outcome.ok ? 1 : count(id, outcome)));
}

function count(id: string, outcome: Exclude<Outcome, { ok: true }>): number {
  const key = `${id}:${outcome.finding}`;
  const n = (tries.get(key) ?? 0) + 1;
  tries.set(key, n);
  return n;
}

/** Applies a task's solution, waits until its check passes, and shows what it did. */
export async function solve(id: string): Promise<void> {
  const t = task(id);
  const lab = await setup();
  const did = await t.solve(lab);
  const { done, answer } = await repeat(
    () => t.check(lab),
    (o) => o.ok,
    { timeoutMs: 15_000, intervalMs: 500 },
  );
  if (!done && !answer.ok) {
    throw new LabError(
      `The solution for ${id} was applied, but its check still says: ${answer.found}`,
      'run the notebook from the top, then `await solve(...)` again',
      { details: did },
    );
  }
  emit(renderSolution(id, did));
}

/** Undoes a task (and its wrong attempts), so it can be done again from the start. */
export async function resetTask(id: string): Promise<void> {
  await task(id).reset(await setup());
  forgetTries(id);
}

/** Starts a task's hints over from the first (a new challenge or incident). */
export function forgetTries(id: string): void {
  for (const key of tries.keys()) if (key.startsWith(`${id}:`)) tries.delete(key);
}

/** Notebook 05's challenge: a working login for lab-challenge/app, then one thing broken. Says nothing of which. */
export async function challenge(seed?: number): Promise<void> {
  const lab = await setup();
  const faults = faultsFor(lab.offers);
  await breakOne(lab, faultFor(chosenSeed(seed), faults));
  forgetTries('05-diagnose');
  const who = `${lab.name('lab-challenge')}/app`;
  emit(
    renderers.markdown(
      `**The challenge is set.** One of ${faults.length} things is broken, and the application \`${who}\` can no ` +
        `longer log in.`,
    ),
  );
}

/** The working setup on a fresh mount, then `fault`; tests call it with each fault in turn. */
export async function breakOne(lab: Lab, fault: Fault): Promise<void> {
  await workingSetup(lab, { remount: true });
  await inject(lab, fault);
}

/** Shows a learner's prediction next to what the server answered, with why; a blank one gets a nudge. */
export function predicted(prediction: Prediction | undefined, actual: Prediction, explain: string): void {
  emit(renderPrediction(prediction, actual, explain));
}

/** Every task's check against the live lab, without counting as a try: the progress table's rows. */
export async function progressRows(lab: Lab): Promise<ProgressRow[]> {
  const rows: ProgressRow[] = [];
  for (const t of TASKS) {
    const outcome = await t.check(lab);
    rows.push({
      notebook: t.notebook.slice(0, 2),
      task: t.id,
      passed: outcome.ok,
      detail: outcome.ok ? outcome.proved : outcome.found,
    });
  }
  return rows;
}

/** Notebook 00's table: the same rows as `npm run lab -- progress`. */
export async function showProgress(): Promise<void> {
  const table = progressTable(await progressRows(await setup()));
  emit({ bundle: { 'text/plain': table.text, 'text/html': table.html }, text: table.text });
}

/** `npm run lab -- progress`: the running lab's clients (never starting one), with the names setup() uses. */
export async function runningLab(): Promise<Lab> {
  const state = readState();
  if (!state || !(await health(state)).every((c) => c.ok)) {
    throw new LabError(
      'The lab is not running, so there is nothing to check.',
      'start it with `npm run lab -- up` (or `npm run lab`), then run `npm run lab -- progress` again',
    );
  }
  return labFor(state);
}
