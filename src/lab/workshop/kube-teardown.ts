// The Kubernetes half of `workshop teardown`, from the host's record alone. Each recorded object is deleted
// with its recorded UID as a precondition, so an object that was replaced since is left alone and named.
// Beside them go the ClusterRoles and ClusterRoleBindings the learners made: the admission policy allowed
// them only under their own prefix, and prepare refused a prefix under which anything existed already.
import { LabError } from '../../errors.js';
import { isStatus, readIfPresent } from '../../kube/apis.js';
import type { Kube } from '../../kube/kube-client.js';
import { poll } from '../../poll.js';
import type { RecordedObject, WorkshopRecord } from './host-record.js';

export interface Outcome {
  removed: string[];
  /** What teardown left alone or could not remove, each a sentence with its fix. */
  problems: string[];
}

const label = (o: Pick<RecordedObject, 'kind' | 'name'>) => `${o.kind.toLowerCase()} ${o.name}`;

/** Deletes one object; a 404 is done, a 409 (another UID) is named and left alone. */
async function remove(
  out: Outcome,
  what: Pick<RecordedObject, 'kind' | 'name'>,
  call: () => Promise<unknown>,
): Promise<void> {
  try {
    await call();
    out.removed.push(label(what));
  } catch (error) {
    if (isStatus(error, 404)) return;
    if (!isStatus(error, 409)) throw error;
    out.problems.push(
      `${label(what)} is not the object prepare made (its UID changed), so it was left alone; delete it yourself if ` +
        `it is the workshop's.`,
    );
  }
}

const precondition = (o: RecordedObject) => ({ preconditions: { uid: o.uid } });

/**
 * Starts deleting every learner namespace: the learners' accounts go with them, and their credentials stop
 * working. One already terminating (an earlier teardown) is left to finish; the API server would answer 409.
 */
export async function deleteLearnerNamespaces(kube: Kube, record: WorkshopRecord, out: Outcome): Promise<void> {
  const { core } = await kube.api;
  for (const ns of recordedNamespaces(record, 'learners')) {
    const found = await readIfPresent(() => core.readNamespace({ name: ns.name }));
    if (found?.metadata?.uid === ns.uid && found.metadata.deletionTimestamp) continue;
    if (found) await remove(out, ns, () => core.deleteNamespace({ name: ns.name, body: precondition(ns) }));
  }
}

/** Deletes the recorded ClusterRoleBindings and ClusterRoles, and those the learners made under their prefixes. */
export async function deleteClusterRbac(kube: Kube, record: WorkshopRecord, out: Outcome): Promise<void> {
  const { rbac } = await kube.api;
  const learnerMade = (name: string, kind: RecordedObject['kind']) =>
    record.learners.some((p) => name.startsWith(`${p}-`)) &&
    !record.objects.some((o) => o.kind === kind && o.name === name);
  for (const b of (await rbac.listClusterRoleBinding()).items.filter((b) =>
    learnerMade(b.metadata?.name ?? '', 'ClusterRoleBinding'),
  )) {
    const name = b.metadata?.name ?? '';
    await remove(out, { kind: 'ClusterRoleBinding', name }, () => rbac.deleteClusterRoleBinding({ name }));
  }
  for (const o of record.objects.filter((o) => o.kind === 'ClusterRoleBinding'))
    await remove(out, o, () => rbac.deleteClusterRoleBinding({ name: o.name, body: precondition(o) }));
  for (const r of (await rbac.listClusterRole()).items.filter((r) =>
    learnerMade(r.metadata?.name ?? '', 'ClusterRole'),
  )) {
    const name = r.metadata?.name ?? '';
    await remove(out, { kind: 'ClusterRole', name }, () => rbac.deleteClusterRole({ name }));
  }
  for (const o of record.objects.filter((o) => o.kind === 'ClusterRole'))
    await remove(out, o, () => rbac.deleteClusterRole({ name: o.name, body: precondition(o) }));
}

/**
 * What keeps a terminating namespace: the namespace controller's conditions, and finalizers on the namespace itself.
 */
function whatHolds(ns: {
  metadata?: { finalizers?: string[] };
  spec?: { finalizers?: string[] };
  status?: { conditions?: Array<{ type: string; status: string; message?: string }> };
}): string {
  const conditions = (ns.status?.conditions ?? [])
    .filter((c) => c.status === 'True' && c.message)
    .map((c) => `${c.type}: ${c.message}`);
  const own = [...(ns.metadata?.finalizers ?? []), ...(ns.spec?.finalizers ?? [])];
  return (
    [...conditions, ...(own.length ? [`finalizers on the namespace itself: ${own.join(', ')}`] : [])].join('; ') ||
    'no reason given yet'
  );
}

/** The recorded namespaces: the learners' (`learners`), or the host's own, which holds the record. */
export const recordedNamespaces = (record: WorkshopRecord, whose: 'learners' | 'host') =>
  record.objects.filter((o) => o.kind === 'Namespace' && (whose === 'learners') === (o.learner !== ''));

/**
 * Waits until each of these namespaces is gone; one that stays is named with what holds it and the command that
 * releases it.
 */
export async function awaitNamespacesGone(
  kube: Kube,
  ours: readonly RecordedObject[],
  timeoutMs: number,
): Promise<void> {
  const { core } = await kube.api;
  const remaining = async () => {
    const left = [];
    for (const o of ours) {
      const ns = await readIfPresent(() => core.readNamespace({ name: o.name }));
      if (ns?.metadata?.uid === o.uid) left.push(ns);
    }
    return left;
  };
  let last: Awaited<ReturnType<typeof remaining>> = [];
  await poll(async () => ((last = await remaining()).length === 0 ? true : undefined), {
    timeoutMs,
    intervalMs: 500,
    timedOut: () => {
      const first = last[0]?.metadata?.name ?? 'NS';
      return new LabError(
        `${last.length} workshop namespace${last.length === 1 ? ' is' : 's are'} still terminating after ` +
          `${timeoutMs / 1000} s, held by finalizers that nothing removes.`,
        `remove the finalizers named above, e.g. \`kubectl -n ${first} patch KIND/NAME --type=merge -p ` +
          `'{"metadata":{"finalizers":null}}'\` for an object inside (\`kubectl api-resources --verbs=list ` +
          `--namespaced -o name | xargs -n1 kubectl -n ${first} get -o name\` lists them), then run teardown again`,
        { details: last.map((ns) => `namespace ${ns.metadata?.name}: ${whatHolds(ns)}`).join('\n') },
      );
    },
  });
}
