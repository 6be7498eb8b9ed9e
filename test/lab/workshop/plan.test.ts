import { describe, expect, it } from 'vitest';
import {
  MAX_LEARNERS,
  NAMESPACE_SUFFIXES,
  checkNoOverlap,
  learnerPlan,
  learnerPrefixes,
} from '../../../src/lab/workshop/plan.js';

describe('learnerPrefixes', () => {
  it('numbers the learners under the prefix', () => {
    expect(learnerPrefixes(3)).toEqual(['learner-01', 'learner-02', 'learner-03']);
    expect(learnerPrefixes(2, 'ws')).toEqual(['ws-01', 'ws-02']);
  });

  it('refuses a count of 0, a negative count, a fraction and one over the limit', () => {
    for (const bad of [0, -3, 2.5, MAX_LEARNERS + 1]) {
      expect(() => learnerPrefixes(bad)).toThrow(
        `--learners must be a whole number from 1 to ${MAX_LEARNERS}, not "${bad}".`,
      );
    }
    expect(learnerPrefixes(MAX_LEARNERS)).toHaveLength(MAX_LEARNERS);
  });

  it('refuses a prefix that is not a DNS label, naming the rule', () => {
    expect(() => learnerPrefixes(2, 'Ada_B')).toThrow(
      /is not a DNS label of at most 20 characters\.\nFix: use lower-case letters, digits and "-"/,
    );
    expect(() => learnerPrefixes(2, '-ws')).toThrow(/not a DNS label/);
    expect(() => learnerPrefixes(2, 'a-very-long-prefix-x')).toThrow(/longer than 17 characters/);
  });
});

describe('checkNoOverlap', () => {
  it("refuses a learner whose prefix begins with another learner's prefix and a dash", () => {
    expect(() => checkNoOverlap(['ws-01', 'ws-02', ...learnerPrefixes(2, 'ws-01')])).toThrow(
      'Learner prefix "ws-01-01" begins with learner prefix "ws-01-", so learner ws-01 could reach everything of ws-01-01\'s.',
    );
  });

  it("accepts prefixes that only share their beginning: ws-1 is not ws-10's prefix followed by a dash", () => {
    expect(() => checkNoOverlap(['ws-1', 'ws-10', 'ws-100', 'a-01', 'b-01'])).not.toThrow();
  });
});

describe('learnerPlan', () => {
  it('prefixes every namespace, binding and policy, and keeps the marker namespace first', () => {
    const plan = learnerPlan('ada');
    expect(plan.home).toBe('ada-workshop');
    expect(plan.namespaces).toEqual([
      'ada-workshop',
      'ada-lab-fast',
      'ada-lab-tokens',
      'ada-lab-review',
      'ada-lab-vault',
      'ada-lab-vault-other',
      'ada-lab-trouble',
      'ada-lab-challenge',
      'ada-lab-beyond',
      'ada-lab-incident',
    ]);
    expect(plan.notebookNamespaces).toEqual(plan.namespaces.slice(1));
    expect(plan.working).toBe('ada-lab-review');
    expect(plan.bindings).toContain('ada-lab-review-app-auth-delegator');
    expect(plan.policy).toBe('auth-delegator-lab-workshop-ada');
  });

  it("covers the names the exercises use: 03's worker binding, 05's challenge binding, 01's ClusterRole", () => {
    const plan = learnerPlan('ada');
    expect(plan.bindings).toEqual(
      expect.arrayContaining(['ada-lab-review-worker-auth-delegator', 'ada-lab-challenge-app-auth-delegator']),
    );
    expect(plan.clusterRoles).toEqual(['ada-lab-tokenreviewer']);
  });

  it('names the suffixes that make every learner namespace, which the admission policies match', () => {
    expect(NAMESPACE_SUFFIXES).toEqual(learnerPlan('x-01').namespaces.map((ns) => ns.replace(/^x-01-/, '')));
    expect(NAMESPACE_SUFFIXES[0]).toBe('workshop');
  });
});
