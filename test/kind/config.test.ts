import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LabError } from '../../src/errors.js';
import { labClusterConfig } from '../../src/kind/config.js';

describe('labClusterConfig', () => {
  it('binds the API server to loopback only', () => {
    const yaml = labClusterConfig();
    expect(yaml).toMatch(/^# kind cluster for the auth-delegator lab/);
    expect(parse(yaml)).toMatchObject({
      kind: 'Cluster',
      apiVersion: 'kind.x-k8s.io/v1alpha4',
      networking: { apiServerAddress: '127.0.0.1' },
    });
  });

  it('lets kubelet run on cgroup v1 and keeps kube-proxy off the host-wide conntrack limit', () => {
    const patches = (parse(labClusterConfig()) as { kubeadmConfigPatches: string[] }).kubeadmConfigPatches.map(
      (p) => parse(p) as unknown,
    );
    expect(patches).toEqual([
      { apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', failCgroupV1: false },
      { apiVersion: 'kubeproxy.config.k8s.io/v1alpha1', kind: 'KubeProxyConfiguration', conntrack: { maxPerCore: 0 } },
    ]);
  });

  it("publishes a node port on this machine's loopback only, when asked", () => {
    expect(parse(labClusterConfig()).nodes).toBeUndefined();
    expect(parse(labClusterConfig({ publish: { nodePort: 30820, hostPort: 41000 } })).nodes).toEqual([
      {
        role: 'control-plane',
        extraPortMappings: [{ containerPort: 30820, hostPort: 41000, listenAddress: '127.0.0.1' }],
      },
    ]);
  });

  it('sets the API server port when given', () => {
    expect(parse(labClusterConfig({ apiServerPort: 6443 })).networking).toEqual({
      apiServerAddress: '127.0.0.1',
      apiServerPort: 6443,
    });
  });

  it('refuses a port that is not a port', () => {
    expect(() => labClusterConfig({ apiServerPort: 70000 })).toThrow(LabError);
    expect(() => labClusterConfig({ apiServerPort: 64.5 })).toThrow(LabError);
  });
});
