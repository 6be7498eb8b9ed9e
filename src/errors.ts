// The lab's error family: every failure says what was tried, what came back, and the one-line fix.

const TAIL_LINES = 15;

/** Keeps only the last lines of a long output, so an error stays readable. */
export function tail(text: string, lines = TAIL_LINES): string {
  const all = text.trimEnd().split('\n');
  return all.length <= lines ? all.join('\n') : ['…', ...all.slice(-lines)].join('\n');
}

/** Quotes an argv so a reader can paste it into a shell. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** Base class: a problem the lab can name, with the fix a learner should try. */
export class LabError extends Error {
  override name = 'LabError';
  constructor(
    readonly problem: string,
    readonly fix: string,
    options?: { cause?: unknown; details?: string },
  ) {
    super(LabError.compose(problem, fix, options?.details), { cause: options?.cause });
    this.details = options?.details;
  }
  readonly details: string | undefined;

  static compose(problem: string, fix: string, details?: string): string {
    return [problem, details ? `\n${details}` : '', fix ? `\nFix: ${fix}` : ''].join('');
  }
}

/** A command that failed: argv, exit code and the tail of stderr. */
export class CommandError extends LabError {
  override name = 'CommandError';
  constructor(
    readonly argv: readonly string[],
    readonly exitCode: number | undefined,
    readonly stderr: string,
    fix: string,
    options?: { cause?: unknown; problem?: string },
  ) {
    const status = exitCode === undefined ? 'could not run' : `exited with code ${exitCode}`;
    super(options?.problem ?? `Command ${status}: ${shellQuote(argv)}`, fix, {
      cause: options?.cause,
      details: stderr.trim() ? `Command output:\n${tail(stderr)}` : undefined,
    });
  }
}

/** An HTTP request that got an unexpected answer: method, URL, status and body. */
export class HttpError extends LabError {
  override name = 'HttpError';
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: string,
    fix: string,
  ) {
    super(`${method} ${url} answered ${status}`, fix, {
      details: body.trim() ? `Response body:\n${tail(body)}` : undefined,
    });
  }
}

/** Turns anything thrown into one line for the CLI; stack traces only when asked. */
export function describe(error: unknown, verbose = false): string {
  if (error instanceof LabError) return verbose && error.stack ? `${error.message}\n${error.stack}` : error.message;
  if (error instanceof Error) return verbose && error.stack ? error.stack : error.message;
  return String(error);
}
