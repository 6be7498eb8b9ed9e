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

/** What a network error says, with its code when the message leaves it out: "connect ECONNREFUSED 127.0.0.1:1". */
export function causeText(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const code = (cause as NodeJS.ErrnoException).code;
  return code && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message;
}

/** The usual fix for a request that got no answer, by what came back instead. */
function requestFix(cause: unknown): string {
  const code = String((cause as NodeJS.ErrnoException | undefined)?.code ?? '');
  if (code === 'ECONNREFUSED')
    return 'nothing listens there: check the lab runs (npm run lab -- status), or start it with npm run lab -- up';
  if (/CERT|SELF_SIGNED|VERIFY|SIGNATURE|SSL|TLS|ALTNAME/.test(code))
    return (
      "the server's certificate is not signed by the CA the lab has on record: run npm run lab -- down, then " +
      'npm run lab -- up'
    );
  if (code === 'ETIMEDOUT') return 'the server accepted the connection but did not answer: read its log in .lab/logs/';
  return 'check the address and that the server runs (npm run lab -- status)';
}

/**
 * An HTTP request that got no answer at all: method, URL and the network's reason (refused, timed out, bad
 * certificate).
 */
export class RequestError extends LabError {
  override name = 'RequestError';
  constructor(
    readonly method: string,
    readonly url: string,
    cause: unknown,
    fix?: string,
  ) {
    super(`${method} ${url} failed: ${causeText(cause)}`, fix ?? requestFix(cause), { cause });
  }
}

/** The causes behind an error that its message does not already tell, innermost last. */
function untoldCauses(error: Error): string[] {
  const lines: string[] = [];
  let told = error.message;
  // A CommandError's cause is execa's error: the argv and output it carries are already in the message.
  let cause = error instanceof CommandError ? undefined : error.cause;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    const text = causeText(cause).split('\n')[0] ?? '';
    if (text && !told.includes(text)) lines.push(`Cause: ${text}`);
    told += `\n${text}`;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return lines;
}

/** Turns anything thrown into text for the CLI, with the causes behind it; stack traces only when asked. */
export function describe(error: unknown, verbose = false): string {
  if (!(error instanceof Error)) return String(error);
  const causes = untoldCauses(error);
  if (error instanceof LabError) {
    // The causes go with the details, so the message still ends with the fix.
    const text = causes.length
      ? LabError.compose(error.problem, error.fix, [error.details, ...causes].filter(Boolean).join('\n'))
      : error.message;
    return verbose && error.stack ? `${text}\n${error.stack}` : text;
  }
  const text = [error.message, ...causes].join('\n');
  return verbose && error.stack ? [error.stack, ...causes].join('\n') : text;
}
