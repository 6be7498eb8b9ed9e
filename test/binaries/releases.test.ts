import { describe, expect, it } from 'vitest';
import { findEnvtestArchive, findSha256 } from '../../src/binaries/releases.js';

const index = `releases:
  v1.36.3:
    envtest-v1.36.3-linux-amd64.tar.gz:
      hash: ${'ab'.repeat(64)}
      selfLink: https://github.com/kubernetes-sigs/controller-tools/releases/download/envtest-v1.36.3/envtest-v1.36.3-linux-amd64.tar.gz
`;

describe('findEnvtestArchive', () => {
  it('finds the archive for a version and platform, with its SHA-512', () => {
    expect(findEnvtestArchive(index, 'v1.36.3', { os: 'linux', arch: 'amd64' })).toEqual({
      url: 'https://github.com/kubernetes-sigs/controller-tools/releases/download/envtest-v1.36.3/envtest-v1.36.3-linux-amd64.tar.gz',
      digest: { algorithm: 'sha512', hex: 'ab'.repeat(64) },
    });
  });

  it('says which archive is missing', () => {
    expect(() => findEnvtestArchive(index, 'v1.36.3', { os: 'darwin', arch: 'arm64' })).toThrow(
      /no envtest-v1\.36\.3-darwin-arm64\.tar\.gz/,
    );
  });
});

describe('findSha256', () => {
  const sums = `${'1'.repeat(64)}  vault_1.21.4_darwin_arm64.zip\n${'2'.repeat(64)}  vault_1.21.4_linux_amd64.zip\n`;

  it('picks the line for the file', () => {
    expect(findSha256(sums, 'vault_1.21.4_linux_amd64.zip', 'SUMS')).toBe('2'.repeat(64));
  });

  it('refuses when the file is not listed', () => {
    expect(() => findSha256(sums, 'vault_1.21.4_linux_arm64.zip', 'https://example/SUMS')).toThrow(
      /has no checksum for vault_1\.21\.4_linux_arm64\.zip/,
    );
  });
});
