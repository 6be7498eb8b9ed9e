import { describe, expect, it } from 'vitest';
import { learnerPlan } from '../../../src/lab/workshop/plan.js';
import { HOME_RULES, LEARNER_RULES, NAMESPACE_RULES, QUOTA, bindingRules } from '../../../src/lab/workshop/rights.js';

const verbs = (rules: typeof NAMESPACE_RULES) => rules.flatMap((r) => r.verbs);
const resources = (rules: typeof NAMESPACE_RULES) => rules.flatMap((r) => r.resources ?? []);

describe("a learner's rights", () => {
  it('name every resource and verb: no wildcard, no impersonate, escalate or bind beyond system:auth-delegator', () => {
    for (const rules of [NAMESPACE_RULES, HOME_RULES, LEARNER_RULES]) {
      expect(verbs(rules)).not.toContain('*');
      expect(resources(rules)).not.toContain('*');
      expect(rules.flatMap((r) => r.apiGroups ?? [])).not.toContain('*');
      expect(verbs(rules)).not.toContain('impersonate');
      expect(verbs(rules)).not.toContain('escalate');
    }
    expect(LEARNER_RULES.filter((r) => r.verbs.includes('bind'))).toEqual([
      expect.objectContaining({ resources: ['clusterroles'], resourceNames: ['system:auth-delegator'] }),
    ]);
  });

  it("in the marker namespace, which holds the learner's own account: read only, so no token, Secret or pod runs as `learner`", () => {
    expect(verbs(HOME_RULES).filter((v) => !['get', 'list', 'watch'].includes(v))).toEqual([]);
    expect(resources(HOME_RULES)).not.toContain('serviceaccounts/token');
  });

  it('in the notebook namespaces: may label the namespace but never delete it or touch its finalize subresource, quota or limit range', () => {
    const namespaceRule = NAMESPACE_RULES.find((r) => r.resources?.includes('namespaces'));
    expect(namespaceRule?.verbs).toEqual(['get', 'update', 'patch']);
    expect(resources(NAMESPACE_RULES)).not.toContain('namespaces/finalize');
    const quotaVerbs = NAMESPACE_RULES.filter((r) => r.resources?.includes('resourcequotas')).flatMap((r) => r.verbs);
    expect(quotaVerbs).toEqual(['get', 'list', 'watch']);
  });

  it("get and delete only the learner's own binding and task-role names", () => {
    const plan = learnerPlan('ada');
    expect(bindingRules(plan)).toEqual([
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterrolebindings'],
        resourceNames: plan.bindings,
        verbs: ['get', 'delete'],
      },
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['clusterroles'],
        resourceNames: ['ada-lab-tokenreviewer'],
        verbs: ['get', 'delete'],
      },
    ]);
  });

  it("a quota that opens no port on the host's nodes and claims no volume", () => {
    expect(QUOTA?.hard).toMatchObject({
      'services.nodeports': '0',
      'services.loadbalancers': '0',
      persistentvolumeclaims: '0',
    });
  });
});
