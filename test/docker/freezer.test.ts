// The freezer helpers on a folder laid out as Docker lays out the cgroup v1 freezer hierarchy.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freezerDirs, frozenStates, thawContainer, UNKILLABLE } from '../../src/docker/freezer.js';

const ID = 'eb854be147a283a808ce773fff79dc8f4dcc12d1642136a0c8e6f5bc3d7bffe6';
let root: string;

/** A cgroup folder with its freezer.state. */
function cgroup(path: string, state: 'THAWED' | 'FROZEN'): string {
  const dir = join(root, path);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'freezer.state'), `${state}\n`);
  return join(dir, 'freezer.state');
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'freezer-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the cgroup v1 freezer', () => {
  it('finds a container under the cgroupfs driver and under the systemd driver', () => {
    expect(freezerDirs(ID, root)).toEqual([]);
    cgroup(`docker/${ID}`, 'THAWED');
    cgroup(`system.slice/docker-${ID}.scope`, 'THAWED');
    expect(freezerDirs(ID, root)).toEqual([join(root, 'docker', ID), join(root, 'system.slice', `docker-${ID}.scope`)]);
  });

  it('thaws every frozen cgroup below the container, and only those', () => {
    cgroup(`docker/${ID}`, 'THAWED');
    const pod = `docker/${ID}/kubelet.slice/kubepods-burstable.slice/pod1`;
    const frozen = cgroup(`${pod}/cri-containerd-5044.scope`, 'FROZEN');
    const running = cgroup(`${pod}/cri-containerd-7731.scope`, 'THAWED');
    cgroup('docker/another-container/stuck', 'FROZEN');
    expect(frozenStates(join(root, 'docker', ID))).toEqual([frozen]);

    expect(thawContainer(ID, root)).toBe(1);
    expect(readFileSync(frozen, 'utf8')).toBe('THAWED');
    expect(readFileSync(running, 'utf8')).toBe('THAWED\n');
    expect(frozenStates(join(root, 'docker', 'another-container'))).toHaveLength(1);
    expect(thawContainer(ID, root)).toBe(0);
  });

  it('knows what Docker says when it cannot kill a container', () => {
    const stderr = `Error response from daemon: Could not kill running container ${ID}, cannot remove - tried to kill container, but did not receive an exit event`;
    expect(UNKILLABLE.test(stderr)).toBe(true);
    expect(UNKILLABLE.test('Error: No such container: lab-control-plane')).toBe(false);
  });
});
