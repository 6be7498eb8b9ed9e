// canIAnswer: the words `kubectl auth can-i` answers with, from a SubjectAccessReview's status.
import { describe, expect, it } from 'vitest';
import { canIAnswer } from '../../src/kube/rbac.js';

describe('canIAnswer', () => {
  it('says yes, or no with the reason the authorizer gave', () => {
    expect(canIAnswer({ allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "x"' })).toBe(
      'yes: RBAC: allowed by ClusterRoleBinding "x"',
    );
    expect(canIAnswer({ allowed: false, reason: '' })).toBe('no');
    expect(canIAnswer({ allowed: false })).toBe('no');
  });
});
