// What the node image pins beside the lab's own versions (src/binaries/versions.ts), and where it caches.
import { join } from 'node:path';
import { cacheDir } from '../../src/paths.js';

/** kubeadm v1.36.3's CoreDNSVersion (cmd/kubeadm/app/constants), so its Deployment finds the image. */
export const COREDNS_VERSION = 'v1.14.2';
/** kubeadm v1.36.3's PauseVersion; containerd's sandbox_image names the same tag. */
export const PAUSE_VERSION = '3.10.2';
/** kubeadm v1.36.3's DefaultEtcdVersion is 3.6.8-0: the lab's own etcd v3.6.8. */
export const ETCD_IMAGE_TAG = '3.6.8-0';
/** Debian release of the node's root filesystem (systemd, containerd, runc, CNI plugins, iptables). */
export const DEBIAN_SUITE = 'bookworm';

/** Node binaries, root filesystems and image archives; outside the checkout, shared by every clone. */
export function nodeCacheDir(): string {
  return join(cacheDir(), 'kind-node');
}
