import { describe, expect, it } from 'vitest';
import { parseBackend, whatRuns } from '../../src/lab/up.js';

describe('parseBackend', () => {
  it('accepts the two backends and no flag', () => {
    expect(parseBackend('kind')).toBe('kind');
    expect(parseBackend('local')).toBe('local');
    expect(parseBackend(undefined)).toBeUndefined();
  });

  it('refuses anything else with the fix', () => {
    expect(() => parseBackend('minikube')).toThrow('Unknown backend "minikube".\nFix: use --backend kind (needs Docker and kind) or --backend local');
  });
});

describe('whatRuns', () => {
  const proc = (name: string) => ({ name, pid: 1, binary: name, logFile: `${name}.log` });

  it('names the processes and the kind cluster, so a failed kind up says it removes the cluster', () => {
    expect(whatRuns({ processes: [], kindCluster: 'auth-delegator-lab' })).toEqual(['kind cluster auth-delegator-lab']);
    expect(whatRuns({ processes: [proc('vault')], kindCluster: 'auth-delegator-lab' })).toEqual(['vault', 'kind cluster auth-delegator-lab']);
  });

  it('names only processes on the local backend', () => {
    expect(whatRuns({ processes: [proc('etcd'), proc('kube-apiserver')] })).toEqual(['etcd', 'kube-apiserver']);
    expect(whatRuns({ processes: [] })).toEqual([]);
  });
});
