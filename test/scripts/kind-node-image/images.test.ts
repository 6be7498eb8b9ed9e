import { describe, expect, it } from 'vitest';
import { imageSpecs, parseLdd } from '../../../scripts/kind-node-image/images.js';

describe('parseLdd', () => {
  it('reads the libraries and the loader of a dynamic binary', () => {
    const output = [
      '\tlinux-vdso.so.1 (0x00007ffd6a1f5000)',
      '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0e1c800000)',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f0e1ca2e000)',
    ].join('\n');
    expect(parseLdd(output)).toEqual(['/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2']);
  });

  it('reads nothing for a static binary', () => {
    expect(parseLdd('\tnot a dynamic executable')).toEqual([]);
  });
});

describe('imageSpecs', () => {
  const bins = Object.fromEntries(
    ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'etcd', 'coredns', 'pause'].map(
      (n) => [n, `/cache/${n}`],
    ),
  );

  it('names every image as kubeadm v1.36.3 asks for it', () => {
    expect(imageSpecs(bins).map((s) => s.ref)).toEqual([
      'registry.k8s.io/kube-apiserver:v1.36.3',
      'registry.k8s.io/kube-controller-manager:v1.36.3',
      'registry.k8s.io/kube-scheduler:v1.36.3',
      'registry.k8s.io/kube-proxy:v1.36.3',
      'registry.k8s.io/etcd:3.6.8-0',
      'registry.k8s.io/coredns/coredns:v1.14.2',
      'registry.k8s.io/pause:3.10.2',
    ]);
  });

  it('puts each binary where kubeadm’s manifests run it, and gives kube-proxy iptables', () => {
    const byRef = new Map(imageSpecs(bins).map((s) => [s.ref.split(':')[0], s]));
    expect(byRef.get('registry.k8s.io/kube-proxy')).toMatchObject({
      binary: '/cache/kube-proxy',
      path: '/usr/local/bin/kube-proxy',
    });
    expect(byRef.get('registry.k8s.io/kube-proxy')?.packages).toContain('iptables');
    expect(byRef.get('registry.k8s.io/coredns/coredns')).toMatchObject({ path: '/coredns', entrypoint: ['/coredns'] });
    expect(byRef.get('registry.k8s.io/pause')).toMatchObject({ path: '/pause', entrypoint: ['/pause'] });
  });
});
