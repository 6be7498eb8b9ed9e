// Notebook 03: let a second application call TokenReview. Passes only when a real TokenReview, sent with
// the application's own token, is allowed; the hints read the bindings the learner made.
import type { V1ClusterRoleBinding, V1RoleBinding } from '@kubernetes/client-node';
import { readIfPresent } from '../../kube/apis.js';
import { canICommand, CREATE_TOKENREVIEWS } from '../../kube/rbac.js';
import type { ServiceAccountRef } from '../../kube/tokens.js';
import { repeat } from '../../poll.js';
import { postTokenReview, summarize } from '../../tokenreview.js';
import { failed, type Lab, type Outcome, type Task } from '../types.js';
import { bindingName, deleteBindingsOf, namesWorker, namesWorkerElsewhere, worker } from './worker-bindings.js';

const COMMAND = (lab: Lab) =>
  `kubectl create clusterrolebinding ${bindingName(lab)} --clusterrole=system:auth-delegator ` +
  `--serviceaccount=${worker(lab).namespace}:worker`;

/** One SubjectAccessReview and one real TokenReview with worker's own token as the bearer. */
async function tryReview(lab: Lab, sa: ServiceAccountRef) {
  const token = await lab.kube.requestToken(sa);
  const can = await lab.kube.canAs(sa, CREATE_TOKENREVIEWS);
  const review = summarize(await postTokenReview(lab.api, { token }));
  return { can, review };
}

async function check(lab: Lab): Promise<Outcome> {
  const sa = worker(lab);
  if (!(await readIfPresent(() => lab.kube.readServiceAccount(sa)))) {
    return failed('no-account', `The service account ${sa.namespace}/worker does not exist.`, [
      `Run notebook 03 from the top: the cell before this task creates ${sa.namespace}/worker.`,
    ]);
  }
  const { rbac } = await lab.kube.api;
  const [cluster, namespaced] = await Promise.all([
    rbac.listClusterRoleBinding(),
    rbac.listNamespacedRoleBinding({ namespace: sa.namespace }),
  ]);
  const mine = cluster.items.filter((b) => (b.subjects ?? []).some(namesWorker(sa)));
  // A binding just written reaches the authorizer a moment later: give a promising one a few seconds.
  const { answer } = await repeat(
    () => tryReview(lab, sa),
    (a) => a.review.status === 201,
    { timeoutMs: mine.length ? 5_000 : 0, intervalMs: 250 },
  );
  if (answer.review.status === 201 && answer.review.authenticated) {
    return {
      ok: true,
      proved:
        `a TokenReview sent with worker's own token: ${answer.review.status}, authenticated as ` +
        `${answer.review.username}; can-i: yes (${answer.can.reason ?? ''})`,
    };
  }
  return explain(lab, sa, answer.review.status, mine, namespaced.items, cluster.items);
}

async function explain(
  lab: Lab,
  sa: ServiceAccountRef,
  status: number,
  mine: V1ClusterRoleBinding[],
  namespaced: V1RoleBinding[],
  all: V1ClusterRoleBinding[],
): Promise<Outcome> {
  const refused = `A TokenReview sent with worker's token is answered ${status}`;
  const command = COMMAND(lab);
  const roleBinding = namespaced.find((b) => (b.subjects ?? []).some(namesWorker(sa)));
  if (roleBinding && mine.length === 0) {
    return failed(
      'rolebinding',
      `${refused}. A RoleBinding ${roleBinding.metadata?.name} exists in ${sa.namespace}, but TokenReview is ` +
        `cluster-scoped: bind with a ClusterRoleBinding.`,
      [
        'A RoleBinding grants its rules only inside its namespace, and the tokenreviews URL has no namespace ' +
          '(notebook 01: namespaced false).',
        `${canICommand(sa)} answers no without -n: that is the question the API server asks.`,
        `${command}  (and kubectl -n ${sa.namespace} delete rolebinding ${roleBinding.metadata?.name})`,
      ],
    );
  }
  for (const b of mine) {
    const roleName = b.roleRef.name;
    const role =
      b.roleRef.kind === 'ClusterRole' ? await lab.kube.getClusterRole(roleName).catch(() => undefined) : undefined;
    const allows = (role?.rules ?? []).some(
      (r) =>
        (r.resources ?? []).some((x) => x === 'tokenreviews' || x === '*') &&
        r.verbs.some((v) => v === 'create' || v === '*'),
    );
    if (!allows) {
      return failed(
        'wrong-role',
        `${refused}. ClusterRoleBinding ${b.metadata?.name} binds worker to ${b.roleRef.kind} ${roleName}, which ` +
          `does not allow create tokenreviews.`,
        [
          'The binding is the right kind; the role it grants is not. Which built-in ClusterRole allows create ' +
            'tokenreviews (notebook 01)?',
          "A binding's roleRef cannot be changed: delete it and bind system:auth-delegator.",
          `kubectl delete clusterrolebinding ${b.metadata?.name} && ${command}`,
        ],
      );
    }
  }
  const elsewhere = all.find((b) => (b.subjects ?? []).some(namesWorkerElsewhere(sa)));
  if (elsewhere) {
    const subject = (elsewhere.subjects ?? []).find(namesWorkerElsewhere(sa));
    return failed(
      'wrong-namespace',
      `${refused}. ClusterRoleBinding ${elsewhere.metadata?.name} names the service account ` +
        `${subject?.namespace ?? '(no namespace)'}/worker, not ${sa.namespace}/worker.`,
      [
        'A service account is known by its namespace and name together; another namespace is another account.',
        `--serviceaccount takes NAMESPACE:NAME, here ${sa.namespace}:worker.`,
        `kubectl delete clusterrolebinding ${elsewhere.metadata?.name} && ${command}`,
      ],
    );
  }
  if (mine.length) {
    return failed('not-yet', `${refused}, although ClusterRoleBinding ${mine[0]?.metadata?.name} names worker.`, [
      'The authorizer sees a new binding a moment after it is written: run the check again.',
    ]);
  }
  return failed('unbound', `${refused}: worker may not create tokenreviews, and nothing binds it yet.`, [
    `Give ${sa.namespace}/worker what app got above: a binding to the ClusterRole that allows create tokenreviews.`,
    'TokenReview is cluster-scoped, so the binding must be cluster-wide: a ClusterRoleBinding to ' +
      'system:auth-delegator.',
    `In a terminal: ${command}`,
  ]);
}

export const bindTask: Task = {
  id: '03-bind',
  notebook: '03-tokenreview',
  title: 'lab-review/worker may create TokenReviews (a real TokenReview with its token gets 201)',
  check,
  async solve(lab) {
    const sa = worker(lab);
    await lab.kube.ensureNamespace(sa.namespace);
    await lab.kube.ensureServiceAccount(sa);
    // A wrong attempt's binding stays in the way (a RoleBinding, or the right name on the wrong role): gone first.
    const removed = await deleteBindingsOf(lab, sa, true);
    const result = await lab.kube.bindClusterRole(bindingName(lab), sa);
    return [...removed, `${COMMAND(lab)}  (${result})`].join('\n');
  },
  async reset(lab) {
    await deleteBindingsOf(lab, worker(lab));
  },
  attempts: [
    {
      what: 'binds in the namespace with a RoleBinding',
      cell: [
        "await lab.kube.bindRoleInNamespace('worker-auth-delegator',",
        "  { namespace: lab.name('lab-review'), name: 'worker' });",
      ].join('\n'),
      finding: 'rolebinding',
    },
    {
      what: 'binds the wrong ClusterRole (view)',
      cell: [
        "await lab.kube.bindClusterRole(lab.name('lab-review-worker-auth-delegator'),",
        "  { namespace: lab.name('lab-review'), name: 'worker' }, 'view');",
      ].join('\n'),
      finding: 'wrong-role',
    },
    {
      what: 'names worker in the default namespace',
      cell: [
        "await lab.kube.bindClusterRole(lab.name('lab-review-worker-auth-delegator'),",
        "  { namespace: 'default', name: 'worker' });",
      ].join('\n'),
      finding: 'wrong-namespace',
    },
  ],
};
