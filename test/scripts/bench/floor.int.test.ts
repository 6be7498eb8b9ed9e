// The bench's floor for `up`: the bare servers, started with the lab's own flags, really start and answer,
// and are all stopped again before the figure comes back.
import { describe, expect, it } from 'vitest';
import { bareStart } from '../../../scripts/bench/floor.js';
import { isAlive, type ManagedProcess } from '../../../src/processes.js';

describe('the floor for up', () => {
  it('times etcd, kube-apiserver and vault until each answers, and leaves none of them running', async () => {
    const started: ManagedProcess[] = [];
    const ms = await bareStart((proc) => started.push(proc));
    expect(started.map((p) => p.name).sort()).toEqual(['etcd', 'kube-apiserver', 'vault']);
    expect(ms).toBeGreaterThan(0);
    expect(started.filter((p) => isAlive(p.pid)).map((p) => p.name)).toEqual([]);
  });
});
