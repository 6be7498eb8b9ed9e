// What a check, a solution, a prediction and the progress table look like: pure, so tests read them
// without a kernel. A check's ✓/✗ is the learner's result, not the notebook's verdict: its metadata is
// {lab: {task: ...}}, never {lab: {verdict}}, so the headless runner does not count a ✗ as a failure.
import { render, type Rendered, type Segment } from '../output/render.js';
import { redactText } from '../output/redact.js';
import { toTable } from '../output/table.js';
import type { Outcome } from './types.js';

/** What the task check output carries in its metadata, for the three-state test and the recordings. */
export interface TaskMetadata {
  task: string;
  passed: boolean;
  finding?: string;
  /** 1-based: which hint of the finding's list was shown. */
  hint?: number;
  hints?: number;
}

/** ✓ with what the servers proved, or ✗ with what was found and the hint for this try (1 = the first). */
export function renderCheck(id: string, outcome: Outcome, attempt = 1): Rendered {
  if (outcome.ok) {
    const segments: Segment[] = [
      ['ok', `✓ ${id}: `],
      [undefined, redactText(outcome.proved)],
    ];
    if (outcome.details) segments.push([undefined, `\n\n${redactText(outcome.details)}`]);
    return {
      ...render(segments, undefined, 'div'),
      metadata: { lab: { task: { task: id, passed: true } satisfies TaskMetadata } },
    };
  }
  const level = Math.min(Math.max(attempt, 1), outcome.hints.length);
  const segments: Segment[] = [
    ['bad', `✗ ${id}: `],
    [undefined, redactText(outcome.found)],
    [undefined, '\n'],
  ];
  const hint = outcome.hints[level - 1] ?? '';
  const counter = outcome.hints.length > 1 ? ` ${level}/${outcome.hints.length}` : '';
  segments.push(['warn', `  Hint${counter}: `], [undefined, redactText(hint)]);
  const more = level < outcome.hints.length ? 'run the check again for a more specific hint, or' : 'still stuck?';
  segments.push([undefined, '\n'], ['dim', `  (${more} await solve('${id}') shows and applies the solution)`]);
  const metadata: TaskMetadata = {
    task: id,
    passed: false,
    finding: outcome.finding,
    hint: level,
    hints: outcome.hints.length,
  };
  return { ...render(segments, undefined, 'div'), metadata: { lab: { task: metadata } } };
}

/** What a solution did, as the command a learner could have typed. */
export function renderSolution(id: string, did: string): Rendered {
  return render(
    [
      ['title', `Solution for ${id}: `],
      [undefined, redactText(did)],
    ],
    undefined,
    'div',
  );
}

export type Prediction = number | boolean | string;

/** Compares a prediction with the server's answer; strings match when the answer contains the prediction. */
export function predictionMatches(prediction: Prediction, actual: Prediction): boolean {
  if (typeof prediction === 'string')
    return String(actual).toLowerCase().includes(prediction.trim().toLowerCase()) && prediction.trim() !== '';
  return prediction === actual;
}

/** A prediction next to the answer, with the explanation; a blank prediction gets a nudge, never an error. */
export function renderPrediction(prediction: Prediction | undefined, actual: Prediction, explain: string): Rendered {
  const shown = (value: Prediction) => (typeof value === 'string' ? `"${value}"` : String(value));
  if (prediction === undefined) {
    // JupyterLab shows the answer folded away, to be opened by choice; the plain text (the recordings, the
    // headless runner, a terminal) keeps it in full.
    const nudge = render(
      [
        ['warn', 'No prediction yet. '],
        [undefined, 'Fill in your guess in the cell above and run both cells again: guessing first makes it stick.'],
      ],
      undefined,
      'div',
    );
    const answer = render(
      [
        [undefined, `The server said ${shown(actual)}.\n`],
        ['dim', `  ${explain}`],
      ],
      undefined,
      'div',
    );
    const folded = `<details><summary>Show the server's answer anyway</summary>${answer.bundle['text/html']}</details>`;
    return {
      bundle: {
        'text/plain': `${nudge.bundle['text/plain']}\n${answer.bundle['text/plain']}`,
        'text/html': `${nudge.bundle['text/html']}${folded}`,
      },
      text: `${nudge.text}\n${answer.text}`,
    };
  }
  const right = predictionMatches(prediction, actual);
  const head: Segment = right
    ? ['ok', `You predicted ${shown(prediction)}, and the server said ${shown(actual)}. `]
    : ['warn', `You predicted ${shown(prediction)}; the server said ${shown(actual)}. `];
  return render(
    [head, [undefined, right ? 'Right.' : 'Here is why:'], [undefined, '\n'], ['dim', `  ${explain}`]],
    undefined,
    'div',
  );
}

export interface ProgressRow {
  notebook: string;
  task: string;
  passed: boolean;
  detail: string;
}

/** The progress table: one row per task, ✓/✗, and the check's first words. */
export function progressTable(rows: readonly ProgressRow[]): { text: string; html: string } {
  return toTable(
    rows.map((r) => ({ notebook: r.notebook, task: r.task, done: r.passed ? '✓' : '✗', detail: r.detail })),
    { maxWidth: 110 },
  );
}
