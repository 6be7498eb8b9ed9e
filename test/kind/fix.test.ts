import { describe, expect, it } from 'vitest';
import { INSTALL_FIX, kindCommandFix } from '../../src/kind/fix.js';
import { ALREADY_EXISTS, DOCKER_DOWN } from './stderr.js';

describe('kindCommandFix', () => {
  const create = ['kind', 'create', 'cluster', '--name', 'lab'];

  it('says how to install kind when it is missing', () => {
    expect(kindCommandFix(['kind', 'version'], 'spawn kind ENOENT')).toBe(INSTALL_FIX);
    expect(INSTALL_FIX).toContain('https://kind.sigs.k8s.io/docs/user/quick-start/#installation');
  });

  it('says to start Docker when kind cannot reach it', () => {
    expect(kindCommandFix(['kind', 'get', 'clusters'], DOCKER_DOWN)).toBe('start Docker, or use --backend local');
    const newerDocker =
      'Command Output: failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is correct and if the daemon is running';
    expect(kindCommandFix(create, newerDocker)).toBe('start Docker, or use --backend local');
  });

  it('names the leftover cluster and how to remove it', () => {
    const fix = kindCommandFix(create, ALREADY_EXISTS);
    expect(fix).toContain('npm run lab -- down');
    expect(fix).toContain('`kind delete cluster --name lab`');
  });

  it('names a node image that is neither here nor pullable, and how to build one', () => {
    const stderr = [
      'ERROR: failed to create cluster: failed to pull image "lab/node:v0": command "docker pull lab/node:v0" failed with error: exit status 1',
      'Command Output: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host',
    ].join('\n');
    const fix = kindCommandFix(create, stderr);
    expect(fix).toContain('the node image lab/node:v0 is not on this machine and could not be pulled');
    expect(fix).toContain('npx tsx scripts/kind-node-image/main.ts');
    expect(fix).toContain('LAB_KIND_IMAGE');
  });

  it('otherwise says how to rerun with kind’s full log', () => {
    expect(kindCommandFix(create, 'ERROR: failed to create cluster: something new')).toBe(
      "rerun it with kind's full log to see which step failed: kind create cluster --name lab --verbosity 3",
    );
  });
});
