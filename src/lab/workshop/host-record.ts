// The host's record of a workshop: every object `prepare` made, with its UID, and the Vault names and
// token accessors it made. It lives in a ConfigMap in the host's own namespace, where no learner has any
// right, and it is the only thing teardown trusts: never a label, which a learner might write.
import type { V1ObjectMeta } from '@kubernetes/client-node';
import { LabError } from '../../errors.js';
import { isStatus, readIfPresent } from '../../kube/apis.js';
import type { Kube } from '../../kube/kube-client.js';
import { HOST_NAMESPACE, labels } from './plan.js';

export type RecordedKind =
  | 'Namespace'
  | 'ClusterRole'
  | 'ClusterRoleBinding'
  | 'ValidatingAdmissionPolicy'
  | 'ValidatingAdmissionPolicyBinding';

export interface RecordedObject {
  kind: RecordedKind;
  name: string;
  uid: string;
  /** The learner it was made for; '' for what every learner shares. */
  learner: string;
}

export interface WorkshopRecord {
  version: 1;
  /** How long the learners' credentials last, which the token policy enforces. */
  hours: number;
  /** Every learner prefix, in the order they were prepared. */
  learners: string[];
  objects: RecordedObject[];
  vault: { tokenRole: boolean; policies: string[]; accessors: string[] };
}

/** The record's ConfigMap, and the key that holds the JSON. */
export const RECORD_NAME = 'record';
const KEY = 'record.json';

export const emptyRecord = (hours: number): WorkshopRecord => ({
  version: 1,
  hours,
  learners: [],
  objects: [],
  vault: { tokenRole: false, policies: [], accessors: [] },
});

/** The recorded object of that kind and name, if prepare made one. */
export function recorded(record: WorkshopRecord, kind: RecordedKind, name: string): RecordedObject | undefined {
  return record.objects.find((o) => o.kind === kind && o.name === name);
}

/** Records an object prepare made (replacing an older entry of the same kind and name). */
export function remember(record: WorkshopRecord, object: RecordedObject): void {
  record.objects = [...record.objects.filter((o) => !(o.kind === object.kind && o.name === object.name)), object];
}

/**
 * Who made an object that was there before prepare, as far as the API server tells: when, by which client, with which
 * labels.
 */
export function ownerOf(meta: V1ObjectMeta | undefined): string {
  const managers = [...new Set((meta?.managedFields ?? []).map((f) => f.manager).filter(Boolean))];
  const created = meta?.creationTimestamp ? new Date(meta.creationTimestamp).toISOString() : 'at an unknown time';
  const labelText =
    Object.entries(meta?.labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || 'none';
  return `created ${created}${managers.length ? ` by ${managers.join(', ')}` : ''}, labels: ${labelText}`;
}

/** The refusal for a name prepare would have taken over: who owns it, and what to do. */
export function squatted(what: string, meta: V1ObjectMeta | undefined, fix: string): LabError {
  return new LabError(
    `${what} already exists (${ownerOf(meta)}), and this workshop's record does not hold it, so prepare will not ` +
      `take it over.`,
    fix,
  );
}

/** Parses the ConfigMap's JSON, naming the object when it is not a record this version wrote. */
export function parseRecord(text: string | undefined): WorkshopRecord {
  let parsed: Partial<WorkshopRecord> | undefined;
  try {
    parsed = text ? (JSON.parse(text) as Partial<WorkshopRecord>) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed?.version !== 1 || !Array.isArray(parsed.learners) || !Array.isArray(parsed.objects) || !parsed.vault) {
    throw new LabError(
      `configmap ${HOST_NAMESPACE}/${RECORD_NAME} does not hold a workshop record this lab can read.`,
      `read it with \`kubectl -n ${HOST_NAMESPACE} get configmap ${RECORD_NAME} -o yaml\`; if it is not the ` +
        `workshop's, move it away and run prepare again`,
    );
  }
  return parsed as WorkshopRecord;
}

/**
 * `kubectl -n auth-delegator-lab-workshop get configmap record`: the record, or undefined where prepare never ran.
 */
export async function readRecord(kube: Kube): Promise<WorkshopRecord | undefined> {
  const { core } = await kube.api;
  const map = await readIfPresent(() => core.readNamespacedConfigMap({ name: RECORD_NAME, namespace: HOST_NAMESPACE }));
  return map ? parseRecord(map.data?.[KEY]) : undefined;
}

/** Writes the record (create, or replace what is there), so an interrupted prepare still knows what it made. */
export async function saveRecord(kube: Kube, record: WorkshopRecord): Promise<void> {
  const { core } = await kube.api;
  const body = {
    metadata: { name: RECORD_NAME, namespace: HOST_NAMESPACE, labels: labels('') },
    data: { [KEY]: `${JSON.stringify(record, null, 1)}\n` },
  };
  try {
    await core.createNamespacedConfigMap({ namespace: HOST_NAMESPACE, body });
  } catch (error) {
    if (!isStatus(error, 409)) throw error;
    await core.replaceNamespacedConfigMap({ name: RECORD_NAME, namespace: HOST_NAMESPACE, body });
  }
}

/** Deletes the record and the host's namespace, only when they are the ones prepare made. */
export async function removeRecord(kube: Kube, record: WorkshopRecord): Promise<string[]> {
  const { core } = await kube.api;
  const ns = recorded(record, 'Namespace', HOST_NAMESPACE);
  await readIfPresent(() => core.deleteNamespacedConfigMap({ name: RECORD_NAME, namespace: HOST_NAMESPACE }));
  if (!ns) return [`configmap ${HOST_NAMESPACE}/${RECORD_NAME}`];
  await readIfPresent(() => core.deleteNamespace({ name: HOST_NAMESPACE, body: { preconditions: { uid: ns.uid } } }));
  return [`configmap ${HOST_NAMESPACE}/${RECORD_NAME}`, `namespace ${HOST_NAMESPACE}`];
}
