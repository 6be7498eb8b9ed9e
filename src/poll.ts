// Waiting for something that happens a moment later (a server starts, a controller fills a Secret, RBAC
// reaches the authorizer): one loop with a deadline, used by every wait in the lab.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  timeoutMs: number;
  /** Pause between attempts. */
  intervalMs?: number;
}

/**
 * Asks `attempt` until `done` accepts its answer or the deadline passes, and returns the last answer with
 * whether it was accepted. Always asks at least once; an attempt that throws stops the wait with that error.
 */
export async function repeat<T>(
  attempt: () => Promise<T>,
  done: (answer: T) => boolean,
  opts: PollOptions,
): Promise<{ answer: T; done: boolean }> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const answer = await attempt();
    if (done(answer)) return { answer, done: true };
    if (Date.now() >= deadline) return { answer, done: false };
    await sleep(opts.intervalMs ?? 250);
  }
}

/**
 * Asks `attempt` until it returns a value (anything but undefined); when the deadline passes first, throws
 * the error `timedOut` builds, which names what was awaited and the fix.
 */
export async function poll<T>(
  attempt: () => Promise<T | undefined>,
  opts: PollOptions & { timedOut: () => Error },
): Promise<T> {
  const { answer, done } = await repeat(attempt, (value) => value !== undefined, opts);
  if (!done || answer === undefined) throw opts.timedOut();
  return answer;
}
