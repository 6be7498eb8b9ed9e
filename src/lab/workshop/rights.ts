// The Kubernetes rights a learner holds, and the limits on their namespaces, as plain data. RBAC has no
// "deny", so each list names exactly what the notebooks use: no impersonate, no escalate or bind beyond
// system:auth-delegator, no write on the learner's own Namespace objects beyond what policies.ts allows.
import type { V1LimitRange, V1PolicyRule, V1ResourceQuota } from '@kubernetes/client-node';
import type { LearnerPlan } from './plan.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const READ = ['get', 'list', 'watch'];
const WRITE = [...READ, 'create', 'update', 'patch', 'delete'];

/**
 * Inside each notebook namespace: service accounts, their tokens and legacy token Secrets (notebook 02),
 * pods with exec (notebook 02 on kind), Roles and RoleBindings (notebooks 03 and 06), labels on the
 * namespace itself (notebook 06's namespace selector; policies.ts keeps every other field as it is).
 * Not services, volumes, workloads, quotas or limit ranges, and not `impersonate`.
 */
export const NAMESPACE_RULES: V1PolicyRule[] = [
  { apiGroups: [''], resources: ['serviceaccounts', 'secrets', 'configmaps', 'pods'], verbs: WRITE },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { apiGroups: [''], resources: ['pods/exec'], verbs: ['get', 'create'] },
  { apiGroups: [''], resources: ['pods/log', 'events', 'resourcequotas', 'limitranges'], verbs: READ },
  { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'update', 'patch'] },
  { apiGroups: [RBAC_GROUP], resources: ['roles', 'rolebindings'], verbs: WRITE },
];

/**
 * Inside the marker namespace, which holds the learner's own account: read the namespace (the guard does), nothing
 * else.
 */
export const HOME_RULES: V1PolicyRule[] = [
  { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
  { apiGroups: [''], resources: ['resourcequotas', 'limitranges'], verbs: READ },
];

/**
 * Cluster-wide: create ClusterRoleBindings and bind system:auth-delegator (policies.ts keeps every binding to
 * that role or the learner's own, for the learner's own accounts), read that one ClusterRole, list bindings
 * (notebooks 01, 02 and 04 show who is bound), create TokenReviews and SubjectAccessReviews (what
 * system:auth-delegator itself grants), list nodes (notebook 02), and create ClusterRoles (notebook 01's
 * task): RBAC's escalation check keeps a new role within these rules, and policies.ts keeps its name under the prefix.
 */
export const LEARNER_RULES: V1PolicyRule[] = [
  { apiGroups: [''], resources: ['nodes'], verbs: ['list'] },
  { apiGroups: [RBAC_GROUP], resources: ['clusterrolebindings'], verbs: ['create', 'list'] },
  {
    apiGroups: [RBAC_GROUP],
    resources: ['clusterroles'],
    resourceNames: ['system:auth-delegator'],
    verbs: ['bind', 'get'],
  },
  { apiGroups: [RBAC_GROUP], resources: ['clusterroles'], verbs: ['create'] },
  { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
  { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
];

/**
 * Get and delete on the learner's own binding names only, and on their own ClusterRole name: notebook 01's
 * task reads it (its check), and its reset deletes it.
 */
export const bindingRules = (plan: LearnerPlan): V1PolicyRule[] => [
  {
    apiGroups: [RBAC_GROUP],
    resources: ['clusterrolebindings'],
    resourceNames: plan.bindings,
    verbs: ['get', 'delete'],
  },
  { apiGroups: [RBAC_GROUP], resources: ['clusterroles'], resourceNames: plan.clusterRoles, verbs: ['get', 'delete'] },
];

/** Pod Security Admission's labels: `restricted`, enforced, at the API server's own version of it. */
export const POD_SECURITY_LABELS: Readonly<Record<string, string>> = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
};

/** The quota and limit range's name in each learner namespace. */
export const LIMITS_NAME = 'workshop-limits';

/** Enough for every notebook at once, and a bound on what one learner can ask of the host's cluster. */
export const QUOTA: V1ResourceQuota['spec'] = {
  hard: {
    pods: '10',
    'requests.cpu': '1',
    'requests.memory': '1Gi',
    'limits.cpu': '2',
    'limits.memory': '2Gi',
    'count/secrets': '50',
    'count/configmaps': '20',
    'count/serviceaccounts': '30',
    'count/roles.rbac.authorization.k8s.io': '20',
    'count/rolebindings.rbac.authorization.k8s.io': '20',
    services: '0',
    'services.nodeports': '0',
    'services.loadbalancers': '0',
    persistentvolumeclaims: '0',
  },
};

/** Defaults for a container that names no resources (the quota then counts them), and a ceiling for one that does. */
export const LIMIT_RANGE: V1LimitRange['spec'] = {
  limits: [
    {
      type: 'Container',
      defaultRequest: { cpu: '50m', memory: '64Mi' },
      _default: { cpu: '250m', memory: '128Mi' },
      max: { cpu: '500m', memory: '512Mi' },
    },
  ],
};
