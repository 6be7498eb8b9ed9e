// The article's terminal path, run for real against the lab: kubectl, curl and vault in a bash session that
// starts with `source .lab/env`, exactly as the commands are shown (the steps are in script.ts, the
// session in bash-session.ts). Outputs are cleaned (redacted, normalized) as soon as they come back;
// the raw token never leaves this module.
import { relative } from 'node:path';
import { envPath } from '../../backends/state.js';
import { LabError } from '../../errors.js';
import { probe } from '../../exec.js';
import { decodeJwt } from '../../jwt.js';
import { repoRoot } from '../../paths.js';
import { repeat } from '../../poll.js';
import { BashSession } from './bash-session.js';
import { script, TOKEN_STEP } from './script.js';

/** One step as the transcript shows it; `output` is already redacted and normalized. */
export interface TranscriptStep {
  heading?: string;
  say?: string;
  /** The command exactly as it ran; undefined for a note the recorder adds (a decoded token). */
  command?: string;
  output: string;
  /** Shown in italics under the step: how the recorder ran it, when that is not obvious. */
  note?: string;
}

/** kubectl, curl and bash must exist before a transcript starts; say which is missing and how to get it. */
export async function checkTools(): Promise<void> {
  const tools: Array<[string, string[], string]> = [
    ['bash', ['--version'], 'install bash'],
    [
      'kubectl',
      ['version', '--client'],
      'install kubectl (https://kubernetes.io/docs/tasks/tools/, e.g. `curl -LO ' +
        'https://dl.k8s.io/release/v1.36.3/bin/linux/amd64/kubectl`) and put it on PATH',
    ],
    ['curl', ['--version'], 'install curl (Debian/Ubuntu: apt-get install curl)'],
  ];
  for (const [name, args, fix] of tools) {
    if (!(await probe(name, args)).ok) {
      throw new LabError(
        `The terminal transcript runs ${name}, and \`${name} ${args.join(' ')}\` did not answer: it is not on PATH.`,
        `${fix}, or record only the notebooks with \`npm run record -- --only NN\``,
      );
    }
  }
}

const UNTIL_MS = 15_000;
const UNTIL_NOTE =
  'The recorder repeats `kubectl auth can-i` (and the request after it) until the answer changes, for at most 15 s: ' +
  'an RBAC change reaches the authorizer a moment after the write.';

/**
 * Runs the script and returns the steps to show, each output passed through `clean` first.
 * `onStep` hears each command as it starts, for progress.
 */
export async function runTranscript(
  clean: (text: string) => string,
  onStep: (command: string) => void = () => undefined,
  podImage?: string,
): Promise<TranscriptStep[]> {
  await checkTools();
  const rel = relative(repoRoot, envPath());
  const envFile = rel.startsWith('..') ? envPath() : rel;
  const session = new BashSession();
  const steps: TranscriptStep[] = [];
  try {
    for (const step of script(envFile, podImage)) {
      onStep(step.command.split('\n')[0] ?? step.command);
      const until = step.until;
      const { answer: result } = await repeat(
        () => session.run(step.command, step.timeoutMs),
        (r) => !until || until.test(r.output),
        {
          timeoutMs: UNTIL_MS,
          intervalMs: 250,
        },
      );
      const output = clean(result.output);
      if (step.expect && !step.expect.test(result.output)) {
        throw new LabError(
          `The terminal transcript stopped: \`${step.command.split('\n')[0]}\` did not answer as the article says ` +
            `(expected ${step.expect}).`,
          'run the same command after `source .lab/env` to see why, or restart the lab: npm run lab -- down && npm ' +
            'run lab -- up',
          {
            details: `Output (redacted):\n${output}`,
          },
        );
      }
      if (step.hidden) continue;
      steps.push({
        heading: step.heading,
        say: step.say,
        command: clean(step.command),
        output,
        note: step.noteUntil ? UNTIL_NOTE : undefined,
      });
      if (step.command === TOKEN_STEP) steps.push(await decodedToken(session, clean));
    }
  } finally {
    await session.close();
  }
  return steps;
}

/** The token's header and claims, decoded by the recorder: what the token says, never its signature. */
async function decodedToken(session: BashSession, clean: (text: string) => string): Promise<TranscriptStep> {
  const { output } = await session.run('printf %s "$TOKEN"');
  const { header, claims } = decodeJwt(output.trim());
  return {
    say:
      'What the token says: its header and claims, decoded by the recorder (this is not a command). The ' +
      'signature is never recorded.',
    output: clean(JSON.stringify({ header, claims }, null, 2)),
  };
}
