// Incident mode's verbs for notebook 08: incident() breaks several things at once, and diagnose() takes the
// learner's named cause with the evidence they relied on, and answers from the live servers.
import { LabError } from '../errors.js';
import { CAUSES, CAUSE_INFO } from '../exercises/incident/causes.js';
import { nameCause, openIncident } from '../exercises/incident/open.js';
import { incidentNames } from '../exercises/incident/setup.js';
import { INCIDENT_TASK } from '../exercises/incident/task.js';
import { chosenSeed } from '../exercises/seeded.js';
import { emit } from '../output/kernel.js';
import { redactText } from '../output/redact.js';
import { render } from '../output/render.js';
import { renderers } from '../output/renderers.js';
import { forgetTries } from './practice.js';
import { setup } from './session.js';

/** A working login for lab-incident/app, then `faults` causes broken at once, drawn from the seed. */
export async function incident(seed?: number, opts: { faults?: number } = {}): Promise<void> {
  const lab = await setup();
  const chosen = chosenSeed(seed);
  const count = opts.faults ?? 2;
  await openIncident(lab, chosen, count);
  forgetTries(INCIDENT_TASK);
  emit(
    renderers.markdown(
      `**The incident is open** (seed ${chosen}). ${count} things are broken at once, and the application ` +
        `\`${incidentNames(lab).namespace}/app\` cannot log in to Vault.`,
    ),
  );
}

/** The vocabulary diagnose() takes, for the notebook's table. */
export const causeVocabulary = () => CAUSES.map((cause) => ({ cause, meaning: CAUSE_INFO[cause].title }));

/** Names a cause of the incident with the evidence relied on: ✓ only when the live state shows it broken. */
export async function diagnose(id: string, answer: { cause: string; evidence: string }): Promise<void> {
  if (id !== INCIDENT_TASK) {
    throw new LabError(
      `diagnose() names the causes of ${INCIDENT_TASK}, not of "${id}".`,
      `call diagnose('${INCIDENT_TASK}', { cause, evidence })`,
    );
  }
  const { verdict, text } = await nameCause(await setup(), answer);
  const named = verdict === 'right' || verdict === 'late';
  const rendered = render(
    [
      [named ? 'ok' : 'bad', `${named ? '✓' : '✗'} ${answer.cause}: `],
      [undefined, redactText(text)],
    ],
    undefined,
    'div',
  );
  emit({ ...rendered, metadata: { lab: { diagnosis: { cause: answer.cause, verdict } } } });
}
