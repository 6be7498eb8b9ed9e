// The article's own commands, run for real from a cell: sh`kubectl get clusterrole system:auth-delegator -o yaml`
// runs in one bash per kernel that has sourced .lab/env (kubectl, curl and vault at the lab's versions, the lab's
// variables) and works in a scratch directory, so `export TOKEN=$(...)` and `> token-review.json` carry over from
// cell to cell as in a terminal. The scratch directory is in the lab's state directory, which `down` removes.
// Output is masked before it is kept: the answer never holds a live credential.
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { envPath } from '../backends/state.js';
import { LabError, shellQuote } from '../errors.js';
import { redactText } from '../output/redact.js';
import { labDir } from '../paths.js';
import { BashSession } from '../record/terminal/bash-session.js';

/** What one command printed (stdout and stderr, masked) and its exit status; a cell shows it as a terminal would. */
export class ShellAnswer {
  constructor(
    readonly command: string,
    readonly output: string,
    readonly status: number,
  ) {}

  /** The status line of an HTTP answer in the output (`curl -i`, or Vault's `Code: 403`), or undefined. */
  get httpStatus(): number | undefined {
    const status = /^HTTP\/[\d.]+ (\d{3})/m.exec(this.output) ?? /^Code: (\d{3})\./m.exec(this.output);
    return status ? Number(status[1]) : undefined;
  }

  /** The first of Vault's `* error` lines, or undefined. */
  get vaultError(): string | undefined {
    return /^\* (.+)$/m.exec(this.output)?.[1];
  }

  toString(): string {
    const exit = this.status === 0 ? '' : `\n(exit status ${this.status})`;
    return `$ ${this.command}\n${this.output.trimEnd()}${exit}`;
  }

  /** tslab prints a cell's last value with console.log: as the terminal text, never as an object dump. */
  [inspect.custom](): string {
    return this.toString();
  }
}

let session: Promise<BashSession> | undefined;

function labShell(): Promise<BashSession> {
  session ??= (async () => {
    const notUp = (why: string) => {
      session = undefined;
      return new LabError(`source .lab/env did not work: ${why}`, 'start the lab with npm run lab -- up');
    };
    if (!existsSync(envPath())) throw notUp(`${envPath()} does not exist`);
    // A kernel never closes its shell: what it keeps (exports with tokens, files) stays in the lab's state.
    const shell = new BashSession(labDir());
    const scratch = mkdtempSync(join(labDir(), 'shell-'));
    const ready = await shell.run(`source ${shellQuote([envPath()])} && cd ${shellQuote([scratch])}`);
    if (ready.status !== 0) throw notUp(ready.output.trim());
    return shell;
  })();
  return session;
}

/** Joins a tagged template as written (backslash-newline stays a line continuation), quoting each value. */
export function shellCommand(strings: TemplateStringsArray, values: readonly unknown[]): string {
  return strings.raw.reduce(
    (command, part, i) => command + part + (i < values.length ? shellQuote([String(values[i])]) : ''),
    '',
  );
}

/**
 * sh`command`: runs it in the lab's shell and answers with its masked output and exit status. A cell that
 * ends with it shows the command and its output; `const answer = await sh`...`` keeps it for a check.
 */
export async function sh(strings: TemplateStringsArray, ...values: unknown[]): Promise<ShellAnswer> {
  const command = shellCommand(strings, values);
  const { output, status } = await (await labShell()).run(command, 120_000);
  return new ShellAnswer(command, redactText(output), status);
}
