// Stopping the lab: used by `down`, and by `up` to clean away a crashed lab or a failed start.
import type { BackendRecord } from '../backends/backend.js';
import { findLeftovers } from '../backends/leftovers.js';
import { allBackends, backendOf } from '../backends/registry.js';
import { clearState, type LabState } from '../backends/state.js';
import { stop } from '../processes.js';

type Made = Pick<LabState, 'backend' | 'processes' | 'record'>;

/** Names what a lab started, for `down` and for a failed `up`: its processes and what its backend made. */
export function whatRuns(state: Made): string[] {
  return [...state.processes.map((p) => p.name), ...backendOf(state.backend).describe(state.record)];
}

/**
 * Stops the servers, then etcd last (the API server keeps writing to it until it stops), then has the
 * backend remove what it made (kind's cluster), and removes .lab/. The servers stop side by side: each takes
 * its own grace period.
 */
export async function teardown(state: Made, opts: { keepLogs?: boolean } = {}): Promise<void> {
  await Promise.all(state.processes.filter((p) => p.name !== 'etcd').map((proc) => stop(proc)));
  for (const proc of state.processes.filter((p) => p.name === 'etcd')) await stop(proc);
  await backendOf(state.backend).stop(state.record);
  clearState(opts);
}

/** What each backend left a record of without a state (kind's marker of a cluster `up` began). */
export function leftoverRecords(): Array<{ backend: LabState['backend']; record: BackendRecord }> {
  return allBackends().flatMap((b) => {
    const record = b.leftover();
    return record ? [{ backend: b.name, record }] : [];
  });
}

/**
 * For a lab whose state.json is lost: stops what the pid files and command lines show, and what each backend left a
 * record of.
 */
export async function teardownWithoutState(): Promise<string[]> {
  const processes = findLeftovers();
  const stopped = processes.map((p) => `${p.name} (pid ${p.pid})`);
  await Promise.all(processes.filter((p) => p.name !== 'etcd').map((proc) => stop(proc)));
  for (const proc of processes.filter((p) => p.name === 'etcd')) await stop(proc);
  for (const { backend, record } of leftoverRecords()) {
    await backendOf(backend).stop(record);
    stopped.push(...backendOf(backend).describe(record));
  }
  clearState();
  return stopped;
}
