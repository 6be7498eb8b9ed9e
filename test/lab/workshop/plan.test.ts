import { describe, expect, it } from 'vitest';
import { LEARNER_RULES, MAX_LEARNERS, bindingRules, learnerPlan, learnerPrefixes, vaultPolicy } from '../../../src/lab/workshop/plan.js';

describe('learnerPrefixes', () => {
  it('numbers the learners under the prefix', () => {
    expect(learnerPrefixes(3)).toEqual(['learner-01', 'learner-02', 'learner-03']);
    expect(learnerPrefixes(2, 'ws')).toEqual(['ws-01', 'ws-02']);
  });

  it('refuses a count of 0, a negative count, a fraction and one over the limit', () => {
    for (const bad of [0, -3, 2.5, MAX_LEARNERS + 1]) {
      expect(() => learnerPrefixes(bad)).toThrow(`--learners must be a whole number from 1 to ${MAX_LEARNERS}, not "${bad}".`);
    }
    expect(learnerPrefixes(MAX_LEARNERS)).toHaveLength(MAX_LEARNERS);
  });

  it('refuses a prefix that is not a DNS label, naming the rule', () => {
    expect(() => learnerPrefixes(2, 'Ada_B')).toThrow(/is not a DNS label of at most 20 characters\.\nFix: use lower-case letters, digits and "-"/);
    expect(() => learnerPrefixes(2, '-ws')).toThrow(/not a DNS label/);
    expect(() => learnerPrefixes(2, 'a-very-long-prefix-x')).toThrow(/longer than 17 characters/);
  });
});

describe('learnerPlan', () => {
  it('prefixes every namespace, binding and policy, and keeps the marker namespace first', () => {
    const plan = learnerPlan('ada');
    expect(plan.home).toBe('ada-workshop');
    expect(plan.namespaces).toEqual(['ada-workshop', 'ada-lab-tokens', 'ada-lab-review', 'ada-lab-vault', 'ada-lab-vault-other', 'ada-lab-trouble', 'ada-lab-challenge', 'ada-lab-beyond']);
    expect(plan.bindings).toContain('ada-lab-review-app-auth-delegator');
    expect(bindingRules(plan)[0]).toMatchObject({ resources: ['clusterrolebindings'], resourceNames: plan.bindings, verbs: ['get', 'delete'] });
  });

  it("covers the names the exercises use: 03's worker binding, 05's challenge binding, 01's ClusterRole", () => {
    const plan = learnerPlan('ada');
    expect(plan.bindings).toEqual(expect.arrayContaining(['ada-lab-review-worker-auth-delegator', 'ada-lab-challenge-app-auth-delegator']));
    expect(plan.clusterRoles).toEqual(['ada-lab-tokenreviewer']);
    expect(bindingRules(plan)[1]).toEqual({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], resourceNames: ['ada-lab-tokenreviewer'], verbs: ['get', 'delete'] });
  });

  it('lets a learner bind only system:auth-delegator', () => {
    const bind = LEARNER_RULES.filter((r) => r.verbs.includes('bind'));
    expect(bind).toEqual([expect.objectContaining({ resources: ['clusterroles'], resourceNames: ['system:auth-delegator'] })]);
    expect(LEARNER_RULES.flatMap((r) => r.verbs)).not.toContain('*');
  });

  it("gives the Vault token the learner's own mounts and nothing of sys/ beyond them", () => {
    const policy = vaultPolicy('ada');
    expect(policy).toContain('path "sys/auth/ada-*" {\n  capabilities = ["create", "read", "update", "delete", "sudo"]');
    expect(policy).toContain('path "auth/ada-*" {');
    expect(policy.match(/path "sys\/[^"]*"/g)).toEqual(['path "sys/auth/ada-*"']);
  });
});
