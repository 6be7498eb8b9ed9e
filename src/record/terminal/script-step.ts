// One command of the terminal path, with what it must answer and the words shown with it.

export interface ScriptStep {
  heading?: string;
  say?: string;
  command: string;
  /** The output must match, or the recording stops: the lab no longer behaves as the article says. */
  expect?: RegExp;
  /** Repeat the command until its output matches (RBAC reaches the authorizer a moment after a write). */
  until?: RegExp;
  /** Say so under the step when it was repeated (once is enough for a pair of steps). */
  noteUntil?: boolean;
  /** Run but not shown: cleaning up what an interrupted earlier run left. */
  hidden?: boolean;
  timeoutMs?: number;
}
