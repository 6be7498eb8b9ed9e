// The one place the lab runs other programs, so every failure has the same shape.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Options } from 'execa';
import { CommandError } from './errors.js';

export interface RunOptions {
  /** The one-line fix printed when the command fails. */
  fix?: string;
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  /** Streams the command's output line by line (for long builds). */
  onLine?: (line: string) => void;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** execa takes a quarter of a second to load; commands that never run a program (`status`) skip it. */
const loadExeca = () => import('execa');

/**
 * A pass-through execa transform: execa joins chunks into whole lines, so a line written in two parts arrives once.
 */
function watchLines(onLine: (line: string) => void) {
  return function* (line: unknown) {
    if (String(line).trim()) onLine(String(line));
    yield line;
  };
}

/** Runs a command to completion; throws a CommandError naming argv, exit code and stderr. */
export async function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { execa } = await loadExeca();
  const execaOptions: Options = {
    cwd: options.cwd,
    env: options.env,
    extendEnv: true,
    input: options.input,
    timeout: options.timeoutMs,
    reject: false,
    stripFinalNewline: true,
    ...(options.onLine ? { stdout: watchLines(options.onLine), stderr: watchLines(options.onLine) } : {}),
  };
  const result = await execa(file, args, execaOptions);
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (result.failed) {
    const notFound = (result.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    const timedOut = result.timedOut;
    throw new CommandError(
      [file, ...args],
      notFound ? undefined : result.exitCode,
      stderr || stdout || (result.cause instanceof Error ? result.cause.message : ''),
      options.fix ?? (notFound ? `install ${file} or put it on PATH` : 'read the output above'),
      {
        cause: result.cause,
        problem: notFound
          ? `Command not found: ${file}`
          : timedOut
            ? `Command timed out after ${options.timeoutMs} ms: ${[file, ...args].join(' ')}`
            : undefined,
      },
    );
  }
  return { stdout, stderr };
}

/** A probe's answer: the command's output, or the error that says why it did not answer. */
export type Probed = ({ ok: true } & RunResult) | { ok: false; error: unknown };

/** Asks whether a command exists and answers, without throwing, and keeps why it did not for the caller to show. */
export async function probe(file: string, args: readonly string[], timeoutMs = 10_000): Promise<Probed> {
  try {
    return { ok: true, ...(await run(file, args, { timeoutMs })) };
  } catch (error) {
    return { ok: false, error };
  }
}

export interface DaemonOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** File that receives the process's stdout and stderr. */
  logFile: string;
}

/**
 * Starts a long-running server in its own process group, detached from the CLI that started it.
 * The log file is the child's own stdout and stderr (node's spawn, not execa: execa's `{file}` target pipes
 * through this process, so once the CLI exited the server's next log line hit a closed pipe and SIGPIPE killed it).
 */
export function startDaemon(file: string, args: readonly string[], options: DaemonOptions): number {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.on('error', () => undefined);
    child.unref();
    if (child.pid === undefined) {
      throw new CommandError([file, ...args], undefined, '', `check that ${file} exists and is executable`);
    }
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/**
 * Runs an interactive program in the foreground (JupyterLab), passing Ctrl-C through; resolves with its exit code.
 */
export async function runForeground(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; onStderrLine?: (line: string) => void } = {},
): Promise<number> {
  const { execa } = await loadExeca();
  const watch = options.onStderrLine;
  // Passed through line by line (execa joins a line written in parts), so the caller can react to what the program
  // prints.
  const passThrough = function* (line: unknown) {
    process.stderr.write(`${String(line)}\n`);
    if (line) watch?.(String(line));
  };
  const result = await execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: true,
    stdin: 'inherit',
    stdout: 'inherit',
    stderr: watch ? passThrough : 'inherit',
    buffer: false,
    reject: false,
  });
  if (result.failed && (result.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new CommandError(
      [file, ...args],
      undefined,
      '',
      'run `npm run lab -- install` to create the Python environment',
      { problem: `Command not found: ${file}` },
    );
  }
  return result.exitCode ?? (result.signal ? 130 : 1);
}
