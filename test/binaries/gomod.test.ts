import { describe, expect, it } from 'vitest';
import { parseGoMod, wrapperGoMod } from '../../src/binaries/gomod.js';

const kubernetesGoMod = `// This is a generated file. Do not edit directly.
module k8s.io/kubernetes

go 1.26.0

godebug default=go1.26

require (
	github.com/spf13/cobra v1.10.2
	k8s.io/api v0.0.0
	k8s.io/apiserver v0.0.0
)

require k8s.io/kube-openapi v0.0.0-20260317180543-43fb72c5454a // indirect

replace (
	k8s.io/api => ./staging/src/k8s.io/api
	k8s.io/apiserver => ./staging/src/k8s.io/apiserver
	k8s.io/sample-controller => ./staging/src/k8s.io/sample-controller
)
`;

const etcdGoMod = `module go.etcd.io/etcd/server/v3

go 1.24.0

toolchain go1.24.13

require (
	go.etcd.io/etcd/api/v3 v3.6.8
	go.etcd.io/etcd/client/v3 v3.6.8
)

replace (
	go.etcd.io/etcd/api/v3 => ../api
	go.etcd.io/etcd/client/v3 => ../client/v3
)

// Bad imports are sometimes causing attempts to pull that code.
replace go.etcd.io/etcd => ./FORBIDDEN_DEPENDENCY
`;

const vaultGoMod = `module github.com/hashicorp/vault

go 1.25.3

replace github.com/hashicorp/vault/api => ./api

replace github.com/hashicorp/vault/sdk => ./sdk

// keyring fork fixes zombie dbus-daemon processes
replace github.com/99designs/keyring => github.com/Jeffail/keyring v1.2.3

replace github.com/ma314smith/signedxml v1.1.1 => github.com/moov-io/signedxml v1.1.1

require (
	github.com/hashicorp/vault/api v1.22.0
	github.com/hashicorp/vault/sdk v0.21.0
)
`;

describe('parseGoMod', () => {
  it('reads go, require and replace, in blocks and on single lines', () => {
    const mod = parseGoMod(kubernetesGoMod);
    expect(mod.go).toBe('1.26.0');
    expect(mod.requires.get('k8s.io/api')).toBe('v0.0.0');
    expect(mod.requires.get('k8s.io/kube-openapi')).toBe('v0.0.0-20260317180543-43fb72c5454a');
    expect(mod.replaces).toContainEqual({
      from: 'k8s.io/api',
      fromVersion: undefined,
      to: './staging/src/k8s.io/api',
      toVersion: undefined,
    });
    expect(parseGoMod(vaultGoMod).replaces).toContainEqual({
      from: 'github.com/ma314smith/signedxml',
      fromVersion: 'v1.1.1',
      to: 'github.com/moov-io/signedxml',
      toVersion: 'v1.1.1',
    });
  });
});

describe('wrapperGoMod', () => {
  it('replaces every Kubernetes staging module with its published v0 version', () => {
    const text = wrapperGoMod({
      wrapperModule: 'lab.local/build/kubernetes',
      module: 'k8s.io/kubernetes',
      version: 'v1.36.3',
      upstreamGoMod: kubernetesGoMod,
      localVersion: 'v0.36.3',
    });
    expect(text).toContain('module lab.local/build/kubernetes\n');
    expect(text).toContain('go 1.26.0\n');
    expect(text).toContain('require k8s.io/kubernetes v1.36.3\n');
    expect(text).toContain('\tk8s.io/api => k8s.io/api v0.36.3\n');
    expect(text).toContain('\tk8s.io/sample-controller => k8s.io/sample-controller v0.36.3\n');
    expect(text).not.toContain('./staging');
  });

  it('uses the versions etcd requires for its siblings and drops its FORBIDDEN_DEPENDENCY guards', () => {
    const text = wrapperGoMod({
      wrapperModule: 'lab.local/build/etcd',
      module: 'go.etcd.io/etcd/server/v3',
      version: 'v3.6.8',
      upstreamGoMod: etcdGoMod,
    });
    expect(text).toContain('\tgo.etcd.io/etcd/api/v3 => go.etcd.io/etcd/api/v3 v3.6.8\n');
    expect(text).toContain('\tgo.etcd.io/etcd/client/v3 => go.etcd.io/etcd/client/v3 v3.6.8\n');
    expect(text).not.toContain('FORBIDDEN');
    expect(text).not.toContain('toolchain');
  });

  it('keeps Vault’s published replacements verbatim and swaps its local ones', () => {
    const text = wrapperGoMod({
      wrapperModule: 'lab.local/build/vault',
      module: 'github.com/hashicorp/vault',
      version: 'v1.21.4',
      upstreamGoMod: vaultGoMod,
    });
    expect(text).toContain('\tgithub.com/hashicorp/vault/api => github.com/hashicorp/vault/api v1.22.0\n');
    expect(text).toContain('\tgithub.com/hashicorp/vault/sdk => github.com/hashicorp/vault/sdk v0.21.0\n');
    expect(text).toContain('\tgithub.com/99designs/keyring => github.com/Jeffail/keyring v1.2.3\n');
    expect(text).toContain('\tgithub.com/ma314smith/signedxml v1.1.1 => github.com/moov-io/signedxml v1.1.1\n');
  });

  it('refuses to guess a version for a module required at the v0.0.0 placeholder', () => {
    expect(() =>
      wrapperGoMod({
        wrapperModule: 'x',
        module: 'k8s.io/kubernetes',
        version: 'v1.36.3',
        upstreamGoMod: kubernetesGoMod,
      }),
    ).toThrow(/placeholder v0\.0\.0[\s\S]*Fix: give the build recipe a localVersion/);
  });
});
