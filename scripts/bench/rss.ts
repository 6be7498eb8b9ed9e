// Resident memory of each process the lab started, read from /proc after the notebooks have run.
import { readFileSync } from 'node:fs';
import { readState } from '../../src/backends/state.js';
import { isOurs } from '../../src/processes.js';
import type { Row } from './report.js';
import { summarize } from './stats.js';

/** VmRSS of one pid in MB, from /proc/PID/status (Linux); undefined when the process is gone. */
export function rssMb(pid: number, read = (path: string) => readFileSync(path, 'utf8')): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(read(`/proc/${pid}/status`));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function rssRows(): Row[] {
  const state = readState();
  if (!state)
    return [{ group: 'memory', name: 'lab processes', unit: 'MB', note: 'not measured: the lab is not running' }];
  if (process.platform !== 'linux')
    return [{ group: 'memory', name: 'lab processes', unit: 'MB', note: 'not measured: needs /proc (Linux)' }];
  const rows: Row[] = [];
  let sum = 0;
  for (const proc of state.processes) {
    const mb = isOurs(proc) ? rssMb(proc.pid) : undefined;
    if (mb === undefined) {
      rows.push({
        group: 'memory',
        name: `RSS ${proc.name}`,
        unit: 'MB',
        note: `not measured: pid ${proc.pid} is not running`,
      });
      continue;
    }
    sum += mb;
    rows.push({ group: 'memory', name: `RSS ${proc.name}`, unit: 'MB', value: summarize([mb]) });
  }
  const note =
    state.backend === 'kind' ? 'the kind node container is not a lab process; read `docker stats`' : undefined;
  rows.push({
    group: 'memory',
    name: 'RSS of the lab, together',
    unit: 'MB',
    value: summarize([sum]),
    goal: { max: 1024, text: '≤ 1 GB' },
    note,
  });
  return rows;
}
