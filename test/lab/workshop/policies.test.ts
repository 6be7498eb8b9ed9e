import { describe, expect, it } from 'vitest';
import { NAMESPACE_SUFFIXES } from '../../../src/lab/workshop/plan.js';
import { POLICY_NAMES, learnerIdentity, policyBinding, workshopPolicies } from '../../../src/lab/workshop/policies.js';

describe('the workshop admission policies', () => {
  const policies = workshopPolicies(['ws-01', 'ws-02'], 3);
  const byName = (name: string) => policies.find((p) => p.metadata?.name === name);

  it('are three, each failing closed and matching every account in a learner namespace, not only `learner`', () => {
    expect(policies.map((p) => p.metadata?.name)).toEqual(Object.values(POLICY_NAMES));
    for (const policy of policies) {
      expect(policy.spec?.failurePolicy).toBe('Fail');
      expect(policy.spec?.matchConditions).toEqual([
        { name: 'workshop-learner', expression: learnerIdentity(['ws-01', 'ws-02']) },
      ]);
    }
    const identity = learnerIdentity(['ws-01', 'ws-02']);
    expect(identity).toContain("['ws-01', 'ws-02'].exists(p, ");
    expect(identity).toContain(`[${NAMESPACE_SUFFIXES.map((s) => `'${s}'`).join(', ')}]`);
    expect(identity).not.toContain(':learner');
  });

  it('cover cluster roles and bindings, every object a learner writes, and token requests', () => {
    const rules = (name: string) => byName(name)?.spec?.matchConstraints?.resourceRules;
    expect(rules(POLICY_NAMES.rbac)).toEqual([
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        apiVersions: ['*'],
        resources: ['clusterroles', 'clusterrolebindings', 'rolebindings'],
        operations: ['CREATE', 'UPDATE'],
      },
    ]);
    expect(rules(POLICY_NAMES.objects)).toEqual([
      { apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ['CREATE', 'UPDATE'] },
    ]);
    expect(rules(POLICY_NAMES.tokens)).toEqual([
      { apiGroups: [''], apiVersions: ['*'], resources: ['serviceaccounts/token'], operations: ['CREATE'] },
    ]);
  });

  it("cap a learner's token requests at the workshop's hours", () => {
    expect(byName(POLICY_NAMES.tokens)?.spec?.validations?.[0]?.expression).toBe(
      '!has(object.spec.expirationSeconds) || object.spec.expirationSeconds <= 10800',
    );
  });

  it("bind system:auth-delegator or the learner's own roles only, to the learner's own accounts only", () => {
    const expressions = (byName(POLICY_NAMES.rbac)?.spec?.validations ?? []).map((v) => v.expression).join('\n');
    expect(expressions).toContain(
      "object.roleRef.name == 'system:auth-delegator' || object.roleRef.name.startsWith(variables.prefix + '-')",
    );
    expect(expressions).toContain("s.kind == 'ServiceAccount'");
    expect(expressions).toContain('in variables.own');
    expect(expressions).toContain('!has(object.aggregationRule)');
  });

  it('are bound to deny, each by a binding of its own name', () => {
    expect(policyBinding(POLICY_NAMES.rbac).spec).toEqual({
      policyName: POLICY_NAMES.rbac,
      validationActions: ['Deny'],
    });
  });
});

describe("the policies' messages", () => {
  it('are CEL string literals with no quote inside, which the API server would refuse to compile', () => {
    for (const policy of workshopPolicies(['ws-01'], 1)) {
      for (const v of policy.spec?.validations ?? []) {
        const literals = (v.messageExpression ?? '').split(
          /\s*\+\s*(?:variables\.\w+|object\.[\w.]+|request\.[\w.]+|string\([^)]*\))\s*\+?\s*/,
        );
        for (const literal of literals.filter(Boolean)) expect(literal, v.messageExpression).toMatch(/^'[^']*'$|^\+?$/);
      }
    }
  });
});
