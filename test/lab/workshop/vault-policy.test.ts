import { describe, expect, it } from 'vitest';
import { vaultPolicy } from '../../../src/lab/workshop/vault-policy.js';

describe('vaultPolicy', () => {
  const policy = vaultPolicy('ada');

  it("reaches the learner's own mounts and nothing else of sys/", () => {
    expect(policy.match(/path "[^"]*"/g)).toEqual(['path "sys/auth/ada-*"', 'path "auth/ada-*"']);
    expect(policy).toContain(
      'path "sys/auth/ada-*" {\n  capabilities = ["create", "read", "update", "delete", "sudo"]',
    );
  });

  it('enables only the kubernetes and jwt methods, with no parameter a tune would send', () => {
    expect(policy).toContain('"type" = ["kubernetes", "jwt"]');
    const mountBlock = policy.slice(policy.indexOf('path "sys/auth/'), policy.indexOf('path "auth/'));
    expect(mountBlock).not.toContain('"*"');
    expect(mountBlock).not.toMatch(/lease_ttl|audit_non_hmac/);
  });

  it('lets roles hand out the default policy alone, and no periodic token', () => {
    expect(policy).toContain('"token_policies" = ["default"]');
    expect(policy).toContain('"policies" = ["default"]');
    expect(policy).toMatch(/denied_parameters = \{\n {4}"token_period" = \[\]\n {4}"period" = \[\]/);
  });

  it('reads no entity: a login reads its own through the default policy', () => {
    expect(policy).not.toContain('identity');
  });
});
