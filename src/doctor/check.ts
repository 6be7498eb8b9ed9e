// A doctor check, in expo-doctor's shape: one concern, a run that reports, and the advice to fix it.
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
