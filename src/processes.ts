// Server processes the lab started: start them detached, watch them during start-up, stop them for good.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError, tail } from './errors.js';
import { startDaemon } from './exec.js';
import { labDir } from './paths.js';
import { poll, repeat } from './poll.js';

export interface ManagedProcess {
  name: string;
  pid: number;
  binary: string;
  logFile: string;
  port?: number;
}

/** True while the pid runs (signal 0 checks without touching it). A zombie waiting to be reaped counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/PID/stat is "pid (comm) state ..."; comm may hold spaces, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Guards against pid reuse: on Linux the pid must still run the binary the lab started. */
export function isOurs(proc: ManagedProcess): boolean {
  if (!isAlive(proc.pid)) return false;
  const cmdline = `/proc/${proc.pid}/cmdline`;
  if (!existsSync(cmdline)) return true;
  try {
    const argv0 = readFileSync(cmdline, 'utf8').split('\0')[0] ?? '';
    return argv0 === proc.binary;
  } catch {
    return false;
  }
}

/** The last lines a server wrote, for error messages. */
export function logTail(logFile: string, lines = 12): string {
  try {
    return tail(readFileSync(logFile, 'utf8'), lines);
  } catch {
    return '';
  }
}

/** Where `launch` records each server, so `down` finds the lab's processes even when state.json is lost. */
export const pidDir = () => join(labDir(), 'pids');

/** Starts one server with its output in its own log file, and records it in a pid file. */
export function launch(
  name: string,
  binary: string,
  args: string[],
  logFile: string,
  port?: number,
  env?: Record<string, string>,
): ManagedProcess {
  const pid = startDaemon(binary, args, { logFile, env });
  const proc = { name, pid, binary, logFile, port };
  mkdirSync(pidDir(), { recursive: true });
  writeFileSync(join(pidDir(), `${name}.pid`), `${JSON.stringify(proc)}\n`);
  return proc;
}

/** Stops a server and everything in its process group: SIGTERM, then SIGKILL after a grace period. */
export async function stop(proc: ManagedProcess, graceMs = 10_000): Promise<void> {
  if (!isOurs(proc)) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid, sig);
    } catch {
      try {
        process.kill(proc.pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal('SIGTERM');
  const gone = async () => !isAlive(proc.pid);
  if ((await repeat(gone, Boolean, { timeoutMs: graceMs, intervalMs: 20 })).done) return;
  signal('SIGKILL');
  await poll(async () => (await gone()) || undefined, {
    timeoutMs: 10_000,
    intervalMs: 50,
    timedOut: () =>
      new LabError(
        `${proc.name} (pid ${proc.pid}) is still running after SIGKILL.`,
        `stop it by hand: kill -9 ${proc.pid}`,
      ),
  });
}

/** Polls until `ready` answers true; fails fast, with the server's log, if the process dies first. */
export async function waitUntilReady(
  proc: ManagedProcess,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  what = `${proc.name} to become ready`,
): Promise<void> {
  // Why the last probe failed (refused, a certificate error, a 503), for the timeout message.
  let lastFailure = '';
  const attempt = async () => {
    if (!isAlive(proc.pid)) {
      throw new LabError(
        `${proc.name} exited during start-up.`,
        `read ${proc.logFile}, fix what it says, then run \`npm run lab -- up\` again`,
        {
          details: `Last lines of its log:\n${logTail(proc.logFile)}`,
        },
      );
    }
    try {
      if (await ready()) return true;
      lastFailure = 'the probe answered "not ready"';
    } catch (error) {
      lastFailure = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    }
    return undefined;
  };
  await poll(attempt, {
    timeoutMs,
    intervalMs: 50,
    timedOut: () =>
      new LabError(`Timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}.`, `read ${proc.logFile}`, {
        details: `${lastFailure ? `Last probe: ${lastFailure}\n` : ''}Last lines of its log:\n${logTail(proc.logFile)}`,
      }),
  });
}
