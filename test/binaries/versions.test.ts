import { describe, expect, it } from 'vitest';
import { parseBinaryVersion, releasePlatform, stagingVersion } from '../../src/binaries/versions.js';

describe('parseBinaryVersion', () => {
  it('reads each server’s own version output', () => {
    expect(parseBinaryVersion('kube-apiserver', 'Kubernetes v1.36.3')).toBe('v1.36.3');
    expect(parseBinaryVersion('kube-controller-manager', 'Kubernetes v1.35.0-rc.1')).toBe('v1.35.0-rc.1');
    expect(parseBinaryVersion('etcd', 'etcd Version: 3.6.8\nGit SHA: Not provided\nGo Version: go1.26.8')).toBe(
      'v3.6.8',
    );
    expect(parseBinaryVersion('vault', 'Vault v1.21.4, built 2026-03-05T01:40:05Z (cgo)')).toBe('v1.21.4');
    expect(parseBinaryVersion('vault', 'Vault v1.21.4+ent (abc123)')).toBe('v1.21.4+ent');
    expect(parseBinaryVersion('kubectl', 'Client Version: v1.36.3\nKustomize Version: v5.7.1')).toBe('v1.36.3');
  });

  it('returns undefined when the output names no version', () => {
    expect(parseBinaryVersion('vault', 'Usage: vault <command>')).toBeUndefined();
  });
});

describe('stagingVersion', () => {
  it('maps a Kubernetes release to its staging modules’ v0 version', () => {
    expect(stagingVersion('v1.36.3')).toBe('v0.36.3');
  });
});

describe('releasePlatform', () => {
  it('names the platforms release archives exist for', () => {
    expect(releasePlatform('linux', 'x64')).toEqual({ os: 'linux', arch: 'amd64' });
    expect(releasePlatform('darwin', 'arm64')).toEqual({ os: 'darwin', arch: 'arm64' });
    expect(releasePlatform('win32', 'x64')).toBeUndefined();
    expect(releasePlatform('linux', 's390x')).toBeUndefined();
  });
});
