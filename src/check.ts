// A doctor check, in expo-doctor's shape: one concern, a run that reports, and the advice to fix it.
import { CommandError } from './errors.js';
export interface CheckResult {
  ok: boolean;
  /** What was found, e.g. "v20.20.2". */
  found: string;
  /** The one-line fix, shown when ok is false. */
  advice?: string;
  /** A check that is not needed on this machine (e.g. kind without Docker) warns but does not fail. */
  optional?: boolean;
}

export interface Check {
  description: string;
  run(): Promise<CheckResult>;
}

/** Why a probe failed, in one line: "not on PATH" only when it is missing, else the command and what it printed. */
export function whyFailed(error: unknown): string {
  if (error instanceof CommandError) {
    if (error.exitCode === undefined && error.problem.startsWith('Command not found')) return 'not on PATH';
    // A Python traceback starts with "Traceback (most recent call last):"; its last line is the reason.
    const lines = error.stderr.trim().split('\n');
    const said = lines[0]?.startsWith('Traceback') ? lines.at(-1) : lines[0];
    return said ? `${error.problem} (${said})` : error.problem;
  }
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
