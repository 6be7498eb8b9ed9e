// The cluster config the lab hands to `kind create cluster --config`.
import { Document } from 'yaml';
import { LabError } from '../errors.js';

/**
 * Lets a node run on a cgroup v1 host: kubelet 1.35+ refuses cgroup v1 unless failCgroupV1 is false, and
 * kube-proxy must leave the host-wide nf_conntrack_max alone (a node cannot write it). kind matches each
 * patch by apiVersion and kind.
 */
const KUBEADM_CONFIG_PATCHES = [
  ['apiVersion: kubelet.config.k8s.io/v1beta1', 'kind: KubeletConfiguration', 'failCgroupV1: false', ''].join('\n'),
  [
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'kind: KubeProxyConfiguration',
    'conntrack:',
    '  maxPerCore: 0',
    '',
  ].join('\n'),
];

/** A node port kind publishes on this machine's loopback (extraPortMappings), never on other addresses. */
export interface PublishedPort {
  nodePort: number;
  hostPort: number;
}

/**
 * The lab's cluster config: the API server listens on loopback only, so the lab never exposes it, and so does
 * each published node port.
 */
export function labClusterConfig(opts: { apiServerPort?: number; publish?: PublishedPort } = {}): string {
  const { apiServerPort, publish } = opts;
  if (
    apiServerPort !== undefined &&
    !(Number.isInteger(apiServerPort) && apiServerPort >= 0 && apiServerPort <= 65535)
  ) {
    throw new LabError(
      `apiServerPort must be a port number, got ${apiServerPort}`,
      'pick a free port such as 6443, or 0 for a random one',
    );
  }
  const doc = new Document({
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    networking: { apiServerAddress: '127.0.0.1', ...(apiServerPort !== undefined ? { apiServerPort } : {}) },
    ...(publish
      ? {
          nodes: [
            {
              role: 'control-plane',
              extraPortMappings: [
                { containerPort: publish.nodePort, hostPort: publish.hostPort, listenAddress: '127.0.0.1' },
              ],
            },
          ],
        }
      : {}),
    kubeadmConfigPatches: KUBEADM_CONFIG_PATCHES,
  });
  doc.commentBefore = ' kind cluster for the auth-delegator lab: the API server listens on loopback only.';
  return doc.toString();
}
