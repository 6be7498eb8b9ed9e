// The lab's own server processes, found without .lab/state.json: by the pid files `launch` writes, by command
// lines that name the state directory, and by the ports .lab/env records. Only the lab's server binaries are
// returned.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { SERVER_NAMES } from '../binaries/versions.js';
import { labDir } from '../paths.js';
import { listenersOf } from './listeners.js';
import { isOurs, pidDir, type ManagedProcess } from '../processes.js';
import { envPath } from './state.js';

function fromPidFiles(): ManagedProcess[] {
  if (!existsSync(pidDir())) return [];
  const found: ManagedProcess[] = [];
  for (const file of readdirSync(pidDir()).filter((f) => f.endsWith('.pid'))) {
    try {
      const proc = JSON.parse(readFileSync(join(pidDir(), file), 'utf8')) as ManagedProcess;
      if (Number.isInteger(proc.pid) && typeof proc.binary === 'string') found.push(proc);
    } catch {
      // A damaged pid file: the command-line search below still finds its server.
    }
  }
  return found;
}

/** True when an argument is the state directory or a path inside it, alone or as a flag's value (--data-dir=...). */
function namesStateDir(arg: string, stateDir: string): boolean {
  const value = arg.slice(arg.indexOf('=') + 1);
  return [arg, value].some((a) => a === stateDir || a.startsWith(`${stateDir}${sep}`));
}

const pids = () =>
  existsSync('/proc')
    ? readdirSync('/proc')
        .filter((e) => /^\d+$/.test(e))
        .map(Number)
    : [];

/**
 * The pid as a ManagedProcess when it runs one of the lab's server binaries (cached as e.g. etcd-v3.6.8), with its
 * argv.
 */
function labServer(pid: number): { proc: ManagedProcess; args: string[] } | undefined {
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined; // gone, or not ours to read
  }
  const [binary = '', ...args] = argv;
  const name = basename(binary);
  if (!SERVER_NAMES.some((server) => name === server || name.startsWith(`${server}-`))) return undefined;
  return { proc: { name, pid, binary, logFile: '' }, args };
}

// A learner's `tail -f .lab/logs/...` names the state directory too, but is no lab server, so labServer skips it.
function fromCommandLines(stateDir: string): ManagedProcess[] {
  return pids()
    .map(labServer)
    .filter((found) => found?.args.some((arg) => namesStateDir(arg, stateDir)))
    .map((found) => found!.proc);
}

/**
 * Servers started before pid files existed whose flags name no path (vault server -dev): found by the ports in
 * .lab/env.
 */
function fromRecordedPorts(): ManagedProcess[] {
  let env = '';
  try {
    env = readFileSync(envPath(), 'utf8');
  } catch {
    return [];
  }
  const ports = [...env.matchAll(/^export (?:KUBE_API|VAULT_ADDR)='?https?:\/\/127\.0\.0\.1:(\d+)/gm)].map((m) =>
    Number(m[1]),
  );
  if (ports.length === 0) return [];
  const listening = listenersOf(pids()).filter((l) => ports.includes(l.port));
  return listening.flatMap((l) => labServer(l.pid)?.proc ?? []);
}

/**
 * The lab's processes that still run, when state.json cannot say; each passes isOurs, so a reused pid is left alone.
 */
export function findLeftovers(): ManagedProcess[] {
  const byPid = new Map<number, ManagedProcess>();
  for (const proc of [...fromPidFiles(), ...fromCommandLines(labDir()), ...fromRecordedPorts()])
    if (!byPid.has(proc.pid) && proc.pid !== process.pid) byPid.set(proc.pid, proc);
  return [...byPid.values()].filter(isOurs);
}
