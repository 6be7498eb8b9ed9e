import { describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { checkKindVersion, parseKindVersion } from '../../src/kind/version.js';

describe('parseKindVersion', () => {
  it('reads the version from `kind version`', () => {
    expect(parseKindVersion('kind v0.30.0 go1.24.6 linux/amd64\n')).toBe('v0.30.0');
    expect(parseKindVersion('kind v0.31.0-alpha.12+0123456789abcd go1.25.0 darwin/arm64')).toBe(
      'v0.31.0-alpha.12+0123456789abcd',
    );
  });

  it('reads the bare semver of `kind -q version`', () => {
    expect(parseKindVersion('0.30.0')).toBe('v0.30.0');
  });

  it('names the output it could not read', () => {
    expect(() => parseKindVersion('kind: command from another package')).toThrow(/Could not read a version/);
  });
});

describe('checkKindVersion', () => {
  it.each(['v0.33.0', 'v0.33.4', 'v0.34.0', 'v1.0.0'])('accepts %s, the pinned minor or newer', (version) => {
    expect(() => checkKindVersion(version, 'v0.33.0')).not.toThrow();
  });

  it.each(['v0.32.9', 'v0.20.0'])('refuses %s, naming both versions and the install command', (version) => {
    expect(() => checkKindVersion(version, 'v0.33.0')).toThrow(LabError);
    expect(() => checkKindVersion(version, 'v0.33.0')).toThrow(
      `kind ${version} is on PATH, and the lab needs kind v0.33 or newer`,
    );
    try {
      checkKindVersion(version, 'v0.33.0');
    } catch (error) {
      expect((error as LabError).fix).toContain('go install sigs.k8s.io/kind@v0.33.0');
    }
  });
});
