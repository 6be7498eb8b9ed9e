import { describe, expect, it } from 'vitest';
import { whatRuns } from '../../src/lab/teardown.js';

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
