// The host's cgroup v1 freezer, for one way a kind node outlives `docker rm -f`: the node's own runc froze a
// pod's cgroup and was killed before it thawed it. On cgroup v1 a frozen process ignores SIGKILL, so Docker
// answers "did not receive an exit event" and keeps the node (opencontainers/runc#2105). Thawing those
// cgroups lets the next `docker rm -f` through. Cgroup v2 kills frozen processes, so it never needs this.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../errors.js';

/** What Docker says when it could not kill a container. */
export const UNKILLABLE = /did not receive an exit event/;

/** Where Docker puts a container's freezer cgroup: the cgroupfs driver's path, then the systemd driver's. */
export function freezerDirs(containerId: string, root = '/sys/fs/cgroup/freezer'): string[] {
  return [join(root, 'docker', containerId), join(root, 'system.slice', `docker-${containerId}.scope`)].filter((dir) =>
    existsSync(dir),
  );
}

/** Every freezer.state under `dir` (the cgroup and all below it) that reads FROZEN. */
export function frozenStates(dir: string): string[] {
  const own = join(dir, 'freezer.state');
  const here = existsSync(own) && readFileSync(own, 'utf8').trim() === 'FROZEN' ? [own] : [];
  const below = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return [...here, ...below.flatMap((entry) => frozenStates(join(dir, entry.name)))];
}

/** Thaws every frozen cgroup under the container's freezer cgroup; returns how many it thawed. */
export function thawContainer(containerId: string, root?: string): number {
  const frozen = freezerDirs(containerId, root).flatMap((dir) => frozenStates(dir));
  for (const state of frozen) {
    try {
      writeFileSync(state, 'THAWED');
    } catch (cause) {
      throw new LabError(
        `Docker cannot kill container ${containerId.slice(0, 12)}: a cgroup inside it is frozen (${state}), and the ` +
          `lab may not thaw it.`,
        `as root: \`echo THAWED > ${state}\`, then run \`npm run lab -- down\` again`,
        { cause },
      );
    }
  }
  return frozen.length;
}
