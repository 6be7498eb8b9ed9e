// Notebook 01: write down what Vault's login needs from system:auth-delegator, as a ClusterRole of your own.
import type { V1ClusterRole, V1PolicyRule } from '@kubernetes/client-node';
import { readIfPresent } from '../../kube/apis.js';
import { failed, type Lab, type Outcome, type Task } from '../types.js';

const GROUP = 'authentication.k8s.io';
const roleName = (lab: Lab) => lab.name('lab-tokenreviewer');
const COMMAND = (name: string) =>
  `kubectl create clusterrole ${name} --verb=create --resource=tokenreviews.authentication.k8s.io`;

const has = (list: string[] | undefined, value: string) => (list ?? []).some((v) => v === value || v === '*');
const grantsCreateTokenReviews = (r: V1PolicyRule) =>
  has(r.apiGroups, GROUP) && has(r.resources, 'tokenreviews') && has(r.verbs, 'create');

/** Every rule-part beyond create tokenreviews, as `verb resource.group` strings. */
function extras(rules: V1PolicyRule[]): string[] {
  const out: string[] = [];
  for (const r of rules) {
    for (const group of r.apiGroups ?? ['']) {
      for (const resource of r.resources ?? r.nonResourceURLs ?? []) {
        for (const verb of r.verbs) {
          if (!(group === GROUP && resource === 'tokenreviews' && verb === 'create'))
            out.push(`${verb} ${resource}${group ? `.${group}` : ''}`);
        }
      }
    }
  }
  return out;
}

function readRole(lab: Lab): Promise<V1ClusterRole | undefined> {
  return readIfPresent(() => lab.kube.getClusterRole(roleName(lab)));
}

async function check(lab: Lab): Promise<Outcome> {
  const name = roleName(lab);
  const role = await readRole(lab);
  if (!role) {
    return failed('missing', `There is no ClusterRole ${name} yet.`, [
      "Create a ClusterRole with one rule: the rule of system:auth-delegator that Vault's login uses (the table " +
        'above).',
      'A rule names API groups, resources and verbs. Vault asks "whose token is this?": which resource is that, in ' +
        'which group, with which verb?',
      `In a terminal: ${COMMAND(name)}`,
    ]);
  }
  const rules = role.rules ?? [];
  if (rules.some(grantsCreateTokenReviews)) {
    const more = extras(rules);
    if (more.length === 0)
      return {
        ok: true,
        proved: `the API server stores ClusterRole ${name} with exactly one permission: create tokenreviews.${GROUP}`,
      };
    return failed('too-much', `ClusterRole ${name} allows create tokenreviews, and also: ${more.join(', ')}.`, [
      "Vault's login needs only the first rule of system:auth-delegator. Least privilege: leave the rest out.",
      'subjectaccessreviews is the second rule ("may user X do Y?"), which aggregated API servers use and Vault ' +
        'does not.',
      `Replace it: kubectl delete clusterrole ${name} && ${COMMAND(name)}`,
    ]);
  }
  const tokenRules = rules.filter((r) => has(r.resources, 'tokenreviews'));
  if (tokenRules.some((r) => !has(r.apiGroups, GROUP))) {
    const groups = tokenRules.flatMap((r) => r.apiGroups ?? []).map((g) => (g === '' ? '"" (the core group)' : g));
    return failed(
      'wrong-group',
      `ClusterRole ${name} names tokenreviews in the API group ${groups.join(', ')}, where no such resource exists.`,
      [
        `tokenreviews lives in the API group ${GROUP} (notebook 01's api-resources table).`,
        `A rule matches a request only when the group matches too: apiGroups must be ["${GROUP}"].`,
        `Replace it: kubectl delete clusterrole ${name} && ${COMMAND(name)}`,
      ],
    );
  }
  if (tokenRules.length > 0) {
    const verbs = [...new Set(tokenRules.flatMap((r) => r.verbs))].join(', ');
    return failed('wrong-verb', `ClusterRole ${name} allows ${verbs} on tokenreviews, but not create.`, [
      'A TokenReview is a question: the API server answers it and stores nothing, so there is nothing to get or ' +
        'list.',
      'The only verb the tokenreviews resource has is create (POST), the verb in the 403 of notebook 03.',
      `Replace it: kubectl delete clusterrole ${name} && ${COMMAND(name)}`,
    ]);
  }
  return failed(
    'no-tokenreviews',
    `ClusterRole ${name} exists, but none of its rules names tokenreviews (it allows: ` +
      `${extras(rules).join(', ') || 'nothing'}).`,
    [
      "Vault's login asks the API server to review a token: the resource is tokenreviews.",
      `The rule needs apiGroups ["${GROUP}"], resources ["tokenreviews"], verbs ["create"].`,
      `Replace it: kubectl delete clusterrole ${name} && ${COMMAND(name)}`,
    ],
  );
}

export const clusterRoleTask: Task = {
  id: '01-clusterrole',
  notebook: '01-the-clusterrole',
  title: "a ClusterRole with exactly what Vault's login needs",
  check,
  async solve(lab) {
    const name = roleName(lab);
    await lab.kube.deleteClusterRole(name);
    await lab.kube.createClusterRole({
      metadata: { name },
      rules: [{ apiGroups: [GROUP], resources: ['tokenreviews'], verbs: ['create'] }],
    });
    return `${COMMAND(name)}  (created ClusterRole ${name})`;
  },
  async reset(lab) {
    await lab.kube.deleteClusterRole(roleName(lab));
  },
  attempts: [
    {
      what: 'copies both rules of system:auth-delegator',
      cell: [
        "const rules = (await lab.kube.getClusterRole('system:auth-delegator')).rules ?? [];",
        'const attempted = await lab.kube.createClusterRole({',
        "  metadata: { name: lab.name('lab-tokenreviewer') },",
        '  rules: rules });',
      ].join('\n'),
      finding: 'too-much',
    },
    {
      what: 'asks for get and list, as if a review were stored',
      cell: [
        'const attempted = await lab.kube.createClusterRole({',
        "  metadata: { name: lab.name('lab-tokenreviewer') },",
        "  rules: [{ apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'],",
        "    verbs: ['get', 'list'] }] });",
      ].join('\n'),
      finding: 'wrong-verb',
    },
    {
      what: 'puts tokenreviews in the core API group',
      cell: [
        'const attempted = await lab.kube.createClusterRole({',
        "  metadata: { name: lab.name('lab-tokenreviewer') },",
        "  rules: [{ apiGroups: [''], resources: ['tokenreviews'], verbs: ['create'] }] });",
      ].join('\n'),
      finding: 'wrong-group',
    },
  ],
};
