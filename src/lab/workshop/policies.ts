// The workshop's admission policies: what RBAC cannot say about a learner. Pure; admission.ts applies them.
//
// They match every identity a learner controls: any service account in any of their namespaces (the
// learner's own, and every account they make and take a token of), not only `learner`. The learners'
// prefixes are written into each policy, so a policy depends on no other object and never blocks anyone
// else: prepare rewrites them when the learners change.
import type {
  V1ValidatingAdmissionPolicy,
  V1ValidatingAdmissionPolicyBinding,
  V1Validation,
} from '@kubernetes/client-node';
import { NAMESPACE_SUFFIXES, labels } from './plan.js';

/** The three policies, each with a binding of the same name. */
export const POLICY_NAMES = {
  rbac: 'auth-delegator-lab-workshop-rbac',
  objects: 'auth-delegator-lab-workshop-objects',
  tokens: 'auth-delegator-lab-workshop-tokens',
} as const;

const list = (values: readonly string[]) => `[${values.map((v) => `'${v}'`).join(', ')}]`;
const USER = 'request.userInfo.username';

/** CEL, true when the requester is a service account in one of these learners' namespaces. */
export function learnerIdentity(prefixes: readonly string[]): string {
  return (
    `${USER}.startsWith('system:serviceaccount:') && ${list(prefixes)}.exists(p, ` +
    `${list(NAMESPACE_SUFFIXES)}.exists(s, ${USER}.split(':')[2] == p + '-' + s))`
  );
}

/** The learner's prefix and namespaces, from the requester's namespace (only evaluated for a learner). */
function learnerVariables(prefixes: readonly string[]) {
  return [
    { name: 'home', expression: `${USER}.split(':')[2]` },
    {
      name: 'prefix',
      expression:
        `${list(prefixes)}.filter(p, ` + `${list(NAMESPACE_SUFFIXES)}.exists(s, variables.home == p + '-' + s))[0]`,
    },
    { name: 'own', expression: `${list(NAMESPACE_SUFFIXES)}.map(s, variables.prefix + '-' + s)` },
  ];
}

const learnerSays = (rest: string) => `'learner ' + variables.prefix + ' ${rest}`;

const RBAC_VALIDATIONS: V1Validation[] = [
  {
    expression:
      "request.resource.resource == 'rolebindings' || object.metadata.name.startsWith(variables.prefix + '-')",
    messageExpression: `${learnerSays(
      "may create ' + request.resource.resource + ' only under their prefix: ' + " +
        "variables.prefix + '-' + object.metadata.name + ', not ' + object.metadata.name",
    )}`,
    reason: 'Forbidden',
  },
  {
    expression:
      "request.resource.resource != 'clusterrolebindings' || object.roleRef.name == 'system:auth-delegator' || " +
      "object.roleRef.name.startsWith(variables.prefix + '-')",
    messageExpression: `${learnerSays(
      "may bind system:auth-delegator or a ClusterRole under their prefix (' + " +
        "variables.prefix + '-...), not ' + object.roleRef.name",
    )}`,
    reason: 'Forbidden',
  },
  {
    expression:
      "request.resource.resource == 'clusterroles' || !has(object.subjects) || object.subjects.all(s, s.kind == " +
      "'ServiceAccount' && " +
      "((has(s.namespace) && s.namespace != '') ? s.namespace : object.metadata.namespace) in variables.own)",
    messageExpression: `${learnerSays(
      "may bind only service accounts in their own namespaces (' + variables.prefix " + "+ '-...)'",
    )}`,
    reason: 'Forbidden',
  },
  {
    expression:
      "request.resource.resource != 'clusterroles' || (!has(object.aggregationRule) && " +
      'object.metadata.?labels.orValue({}).size() == 0)',
    messageExpression: `${learnerSays(
      'may create a ClusterRole without labels and without an aggregationRule only: ' +
        "an aggregated ClusterRole would select it by its labels'",
    )}`,
    reason: 'Forbidden',
  },
];

const OBJECT_VALIDATIONS: V1Validation[] = [
  {
    expression:
      'object.metadata.?finalizers.orValue([]).all(f, f in (oldObject == null ? [] : ' +
      'oldObject.metadata.?finalizers.orValue([])))',
    messageExpression: `${learnerSays(
      'may not add finalizers: one would keep teardown from removing what the ' + "learner made'",
    )}`,
    reason: 'Forbidden',
  },
  {
    expression:
      "request.resource.resource != 'namespaces' || oldObject == null || (" +
      'object.metadata.?annotations.orValue({}) == oldObject.metadata.?annotations.orValue({}) && ' +
      'object.metadata.?ownerReferences.orValue([]) == oldObject.metadata.?ownerReferences.orValue([]) && ' +
      'has(object.spec) == has(oldObject.spec) && (!has(object.spec) || object.spec == oldObject.spec) && ' +
      "variables.newLabels.all(k, k.startsWith(variables.prefix + '-') || (k in variables.oldLabels && " +
      'variables.oldLabels[k] == variables.newLabels[k])) && ' +
      "variables.oldLabels.all(k, k.startsWith(variables.prefix + '-') || k in variables.newLabels))",
    messageExpression: `${learnerSays(
      "may change only labels named ' + variables.prefix + '-... on their " +
        "namespaces; the workshop labels, the Pod Security labels and every other field stay as the host set them'",
    )}`,
    reason: 'Forbidden',
  },
];

function tokenValidation(hours: number): V1Validation {
  const limit = hours * 3600;
  return {
    expression: `!has(object.spec.expirationSeconds) || object.spec.expirationSeconds <= ${limit}`,
    messageExpression: `${learnerSays(
      `may request tokens of at most ${limit} s (the length of the workshop, ` +
        `${hours} h), not ' + string(object.spec.expirationSeconds) + ' s'`,
    )}`,
    reason: 'Forbidden',
  };
}

interface Rule {
  apiGroups: string[];
  resources: string[];
  operations: string[];
}

function policy(
  name: string,
  prefixes: readonly string[],
  rules: Rule[],
  validations: V1Validation[],
  extra: Array<{ name: string; expression: string }> = [],
): V1ValidatingAdmissionPolicy {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name, labels: labels('') },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: rules.map((r) => ({ ...r, apiVersions: ['*'] })) },
      matchConditions: [{ name: 'workshop-learner', expression: learnerIdentity(prefixes) }],
      variables: [...learnerVariables(prefixes), ...extra],
      validations,
    },
  };
}

/** Every policy for these learners, the learners' tokens capped at `hours`. */
export function workshopPolicies(prefixes: readonly string[], hours: number): V1ValidatingAdmissionPolicy[] {
  const write = ['CREATE', 'UPDATE'];
  return [
    policy(
      POLICY_NAMES.rbac,
      prefixes,
      [
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['clusterroles', 'clusterrolebindings', 'rolebindings'],
          operations: write,
        },
      ],
      RBAC_VALIDATIONS,
    ),
    policy(
      POLICY_NAMES.objects,
      prefixes,
      [{ apiGroups: ['*'], resources: ['*'], operations: write }],
      OBJECT_VALIDATIONS,
      [
        { name: 'newLabels', expression: 'object.metadata.?labels.orValue({})' },
        { name: 'oldLabels', expression: 'oldObject == null ? {} : oldObject.metadata.?labels.orValue({})' },
      ],
    ),
    policy(
      POLICY_NAMES.tokens,
      prefixes,
      [{ apiGroups: [''], resources: ['serviceaccounts/token'], operations: ['CREATE'] }],
      [tokenValidation(hours)],
    ),
  ];
}

/** A policy's binding: Deny, cluster-wide (the policy's own match conditions pick the learners). */
export function policyBinding(policyName: string): V1ValidatingAdmissionPolicyBinding {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: policyName, labels: labels('') },
    spec: { policyName, validationActions: ['Deny'] },
  };
}
