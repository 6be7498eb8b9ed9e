// The lab's own server processes, found without .lab/state.json: by the pid files `launch` writes, and by
// command lines of the lab's server binaries that name the state directory. Nothing else is ever returned.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { BINARY_NAMES } from '../binaries/versions.js';
import { labDir } from '../paths.js';
import { isOurs, pidDir, type ManagedProcess } from './processes.js';

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

function fromCommandLines(stateDir: string): ManagedProcess[] {
  if (!existsSync('/proc')) return [];
  const found: ManagedProcess[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      continue; // gone, or not ours to read
    }
    const [binary = '', ...args] = argv;
    // Only the lab's server binaries (cached as e.g. etcd-v3.6.8): a learner's `tail -f .lab/logs/...` is left alone.
    const server = BINARY_NAMES.find((name) => basename(binary) === name || basename(binary).startsWith(`${name}-`));
    if (server && args.some((arg) => namesStateDir(arg, stateDir))) {
      found.push({ name: basename(binary), pid: Number(entry), binary, logFile: '' });
    }
  }
  return found;
}

/** The lab's processes that still run, when state.json cannot say; each passes isOurs, so a reused pid is left alone. */
export function findLeftovers(stateDir = labDir): ManagedProcess[] {
  const byPid = new Map<number, ManagedProcess>();
  for (const proc of [...fromPidFiles(), ...fromCommandLines(stateDir)]) if (!byPid.has(proc.pid) && proc.pid !== process.pid) byPid.set(proc.pid, proc);
  return [...byPid.values()].filter(isOurs);
}
