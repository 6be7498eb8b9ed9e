import { describe, expect, it } from 'vitest';
import { whatRuns } from '../../src/lab/teardown.js';

describe('whatRuns', () => {
  const proc = (name: string) => ({ name, pid: 1, binary: name, logFile: `${name}.log` });

  it('names the processes and what the backend made, so a failed kind up says it removes the cluster', () => {
    const record = { cluster: 'auth-delegator-lab' };
    expect(whatRuns({ backend: 'kind', processes: [], record })).toEqual(['kind cluster auth-delegator-lab']);
    expect(whatRuns({ backend: 'kind', processes: [proc('vault')], record })).toEqual([
      'vault',
      'kind cluster auth-delegator-lab',
    ]);
    expect(whatRuns({ backend: 'kind', processes: [proc('vault')] })).toEqual(['vault']);
  });

  it('names only processes on the local backend, and nothing for a shared cluster', () => {
    expect(whatRuns({ backend: 'local', processes: [proc('etcd'), proc('kube-apiserver')] })).toEqual([
      'etcd',
      'kube-apiserver',
    ]);
    expect(whatRuns({ backend: 'local', processes: [] })).toEqual([]);
    expect(whatRuns({ backend: 'existing', processes: [] })).toEqual([]);
  });
});
