import { describe, expect, it } from 'vitest';
import { notShared } from '../../src/notebook/offers.js';

describe('notShared', () => {
  it('says what is missing on a shared Vault and why, per feature', () => {
    expect(notShared('audit', 'no audit log')).toMatch(
      /^\*\*Not on a shared Vault:\*\* no audit log \(.*sudo on sys\/audit.*\)\. Alone on a laptop/,
    );
    expect(notShared('signingKey', 'no key')).toContain("signing key stays on the host's machine");
    expect(notShared('vaultLog', 'no log')).toContain("Vault's server log is the host's");
  });
});
