// The learner's runbook once an incident is over: what they named, in order, with the evidence they gave; then
// each cause with what showed it and the command that fixes it. Pure, so a test reads it without servers.
import { formatSpan } from '../../jwt.js';
import { CAUSE_INFO, type Cause, type FixContext } from './causes.js';
import { named, type Journal } from './journal.js';

/** "(2m after the start)": in parentheses, so a recording can hold it as a «duration». */
const after = (seconds: number) => `(${formatSpan(Math.max(0, seconds))} after the start)`;
const since = (journal: Journal, at: string) =>
  after(Math.round((Date.parse(at) - Date.parse(journal.started)) / 1000));

/** Seconds from the incident's start to the last of its causes named, or undefined while one is not named yet. */
export function timeToDiagnosis(journal: Journal, staged: readonly Cause[]): number | undefined {
  const found = named(journal);
  if (!staged.every((c) => found.has(c))) return undefined;
  const last = Math.max(...staged.map((c) => Date.parse(found.get(c)?.at ?? journal.started)));
  return Math.round((last - Date.parse(journal.started)) / 1000);
}

const VERDICT = { right: '✓ broken', late: '✓ broken, but already fixed', wrong: '✗ not broken' } as const;

export function renderDebrief(journal: Journal, staged: readonly Cause[], live: FixContext): string {
  const found = named(journal);
  const took = timeToDiagnosis(journal, staged);
  const lines = [
    `Incident ${journal.seed}: ${staged.length} causes, ` +
      (took === undefined ? 'not all named.' : `the last one named ${after(took)}.`),
    '',
    'What was named, in order:',
  ];
  journal.entries.forEach((e, i) => {
    const who = e.by === 'solution' ? ', named by the solution' : '';
    lines.push(`  ${i + 1}. ${e.cause}, ${VERDICT[e.verdict]}${who} ${since(journal, e.at)}`);
    lines.push(`     evidence given: ${e.evidence}`);
  });
  lines.push('', 'Each cause, what showed it, and its fix:');
  for (const cause of staged) {
    const d = found.get(cause);
    lines.push(`  ${cause}: ${CAUSE_INFO[cause].title}`);
    lines.push(`     shown by: ${d ? d.evidence : '(fixed, not diagnosed)'}`);
    lines.push(`     fixed by: ${CAUSE_INFO[cause].fix(live)}`);
  }
  return lines.join('\n');
}
