import { describe, expect, it } from 'vitest';
import { extractFromTarGz, extractFromZip } from '../../src/binaries/archive.js';
import { LabError } from '../../src/errors.js';
import { tarGz, zip } from './fixtures.js';

describe('extractFromTarGz', () => {
  const archive = tarGz({
    'controller-tools/envtest/kube-apiserver': 'apiserver bytes',
    'controller-tools/envtest/etcd': Buffer.alloc(1300, 7),
    'controller-tools/envtest/kubectl': 'kubectl bytes',
  });

  it('finds a member by base name, whatever directory it sits in', () => {
    expect(extractFromTarGz(archive, 'kube-apiserver').toString()).toBe('apiserver bytes');
    expect(extractFromTarGz(archive, 'etcd')).toEqual(Buffer.alloc(1300, 7));
  });

  it('names what the archive holds when the member is missing', () => {
    expect(() => extractFromTarGz(archive, 'vault')).toThrow(/holds no file named vault[\s\S]*kubectl/);
  });

  it('refuses a truncated archive with a LabError', () => {
    expect(() => extractFromTarGz(archive.subarray(0, archive.length / 2), 'etcd')).toThrow(LabError);
  });
});

describe('extractFromZip', () => {
  it('reads deflated and stored entries', () => {
    expect(extractFromZip(zip({ LICENSE: 'text', vault: 'vault bytes' }), 'vault').toString()).toBe('vault bytes');
    expect(extractFromZip(zip({ vault: 'stored bytes' }, false), 'vault').toString()).toBe('stored bytes');
  });

  it('names what the archive holds when the member is missing', () => {
    expect(() => extractFromZip(zip({ LICENSE: 'text' }), 'vault')).toThrow(/holds no file named vault[\s\S]*LICENSE/);
  });

  it('refuses something that is not a zip', () => {
    expect(() => extractFromZip(Buffer.from('not a zip'), 'vault')).toThrow(/unreadable/);
  });
});
