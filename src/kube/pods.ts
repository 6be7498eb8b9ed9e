// Pods that hold a service-account token, and `kubectl exec` into them to read it.
import { Writable } from 'node:stream';
import { LabError, shellQuote, tail } from '../errors.js';
import { repeat } from '../poll.js';
import { createIfMissing, readIfPresent, type KubeHandle } from './apis.js';
import type { LabPod, V1Status } from './models.js';
import type { ServiceAccountRef } from './tokens.js';

export interface PodRef {
  namespace: string;
  name: string;
}

/**
 * A pod that only sleeps, running as the service account, so there is a token file to read. It meets Pod
 * Security's `restricted` level (a workshop's namespaces enforce it): a non-root user, no privilege
 * escalation, no capabilities, the runtime's default seccomp profile. The token file is readable by any user.
 */
export function tokenReaderPod(sa: ServiceAccountRef, name: string, image = 'busybox:1.37'): LabPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: sa.namespace, labels: { 'app.kubernetes.io/part-of': 'auth-delegator-lab' } },
    spec: {
      serviceAccountName: sa.name,
      terminationGracePeriodSeconds: 0,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 65534,
        runAsGroup: 65534,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: 'reader',
          image,
          imagePullPolicy: 'IfNotPresent',
          command: ['sleep', '86400'],
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
    },
  };
}

/** Turns the Status an exec stream ends with into the command's stdout, or an error that quotes the command. */
export function execOutcome(command: string[], status: V1Status | undefined, stdout: string, stderr: string): string {
  if (status?.status === 'Success') return stdout;
  const exit = status?.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
  const why = status
    ? exit
      ? `exited with code ${exit}`
      : (status.message ?? status.reason ?? 'failed')
    : 'ended without an exit status';
  throw new LabError(
    `kubectl exec -- ${shellQuote(command)} ${why}.`,
    'check the pod is Running (kubectl get pod -o wide) and that the command exists in its image',
    {
      details: stderr.trim() ? `Command output:\n${tail(stderr)}` : undefined,
    },
  );
}

/** Why a pod is not Running yet, in kubectl's words: ErrImagePull, ContainerCreating, Unschedulable... */
export function podWaitingReason(pod: LabPod): string {
  const waiting = pod.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting;
  if (waiting) return `${waiting.reason ?? 'Waiting'}${waiting.message ? `: ${waiting.message}` : ''}`;
  const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled)
    return `${unscheduled.reason ?? 'Unschedulable'}${unscheduled.message ? `: ${unscheduled.message}` : ''}`;
  return pod.status?.phase ?? 'Pending';
}

/** kubectl apply -f pod.yaml, for a pod that only needs to exist: an existing pod of that name is kept. */
export function ensurePod(h: KubeHandle, pod: LabPod) {
  return createIfMissing(async () =>
    (await h.api).core.createNamespacedPod({ namespace: pod.metadata?.namespace ?? 'default', body: pod }),
  );
}

/** kubectl get pod NAME -n NS -o yaml */
export async function readPod(h: KubeHandle, ref: PodRef): Promise<LabPod> {
  return (await h.api).core.readNamespacedPod({ name: ref.name, namespace: ref.namespace });
}

/**
 * kubectl wait pod/NAME -n NS --for=jsonpath='{.status.phase}'=Running; a pod that never runs fails with its reason.
 * A pod its controller has yet to make (a StatefulSet's) is waited for too; with `replaces`, the pod of that uid
 * (deleted a moment ago) does not count.
 */
export async function untilPodRunning(
  h: KubeHandle,
  ref: PodRef,
  timeoutMs = 180_000,
  replaces?: string,
): Promise<LabPod> {
  const { answer: pod, done } = await repeat(
    () => readIfPresent(() => readPod(h, ref)),
    (p) => p?.status?.phase === 'Running' && p.metadata?.uid !== replaces && !p.metadata?.deletionTimestamp,
    { timeoutMs, intervalMs: 500 },
  );
  if (done && pod) return pod;
  const why = pod ? podWaitingReason(pod) : 'it does not exist';
  throw new LabError(
    `Pod ${ref.namespace}/${ref.name} is not Running after ${timeoutMs / 1000}s: ${why}.`,
    `run \`kubectl describe pod ${ref.name} -n ${ref.namespace}\`; for an image pull error, pull the image with ` +
      `docker and \`kind load docker-image IMAGE --name auth-delegator-lab\``,
  );
}

/**
 * kubectl exec NAME -n NS -c CONTAINER -- COMMAND...: runs a command in a pod (through the kubelet) and returns its
 * stdout.
 */
export async function execInPod(h: KubeHandle, ref: PodRef, container: string, command: string[]): Promise<string> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const sink = (into: Buffer[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        into.push(Buffer.from(chunk));
        done();
      },
    });
  const { lib, config } = await h.api;
  const status = await new Promise<V1Status | undefined>((resolve, reject) => {
    new lib.Exec(config)
      .exec(ref.namespace, ref.name, container, command, sink(stdout), sink(stderr), null, false, resolve)
      .then((socket) => socket.on('close', () => resolve(undefined)))
      .catch(reject);
  });
  return execOutcome(command, status, Buffer.concat(stdout).toString('utf8'), Buffer.concat(stderr).toString('utf8'));
}
