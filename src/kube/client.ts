// The typed Kubernetes calls the lab makes, through @kubernetes/client-node as the admin user.
// Every helper is idempotent so a notebook cell can run any number of times.
import {
  ApiException,
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  Exec,
  KubeConfig,
  RbacAuthorizationV1Api,
  VersionApi,
  type VersionInfo,
  type V1ClusterRole,
  type V1Pod,
  type V1Secret,
  type V1Status,
  type V1SubjectAccessReviewStatus,
  type V1TokenReview,
} from '@kubernetes/client-node';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabError, shellQuote, tail } from '../errors.js';
import { decodeJwt, formatSpan } from '../jwt.js';

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** The username the API server gives a service account: what TokenReview returns and RBAC matches. */
export const serviceAccountUser = (sa: ServiceAccountRef) => `system:serviceaccount:${sa.namespace}:${sa.name}`;

/** The groups the API server puts a service account in; `kubectl auth can-i --as=...` adds the same ones. */
export const serviceAccountGroups = (sa: ServiceAccountRef) => ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`, 'system:authenticated'];

/** Where the kubelet mounts a pod's service-account token: the file the article reads with `kubectl exec ... cat`. */
export const SERVICE_ACCOUNT_TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export interface PodRef {
  namespace: string;
  name: string;
}

/** The kubelet asks for 3607 s; a pod-bound token with that lifetime is the API server's cue to extend it (see tokenFacts). */
export const KUBELET_TOKEN_SECONDS = 3607;

/** A pod that only sleeps, running as the service account, so there is a token file to read. */
export function tokenReaderPod(sa: ServiceAccountRef, name: string, image = 'busybox:1.37'): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: sa.namespace, labels: { 'app.kubernetes.io/part-of': 'auth-delegator-lab' } },
    spec: {
      serviceAccountName: sa.name,
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'reader', image, imagePullPolicy: 'IfNotPresent', command: ['sleep', '86400'] }],
    },
  };
}

/** Turns the Status an exec stream ends with into the command's stdout, or an error that quotes the command. */
export function execOutcome(command: string[], status: V1Status | undefined, stdout: string, stderr: string): string {
  if (status?.status === 'Success') return stdout;
  const exit = status?.details?.causes?.find((c) => c.reason === 'ExitCode')?.message;
  const why = status ? (exit ? `exited with code ${exit}` : (status.message ?? status.reason ?? 'failed')) : 'ended without an exit status';
  throw new LabError(`kubectl exec -- ${shellQuote(command)} ${why}.`, 'check the pod is Running (kubectl get pod -o wide) and that the command exists in its image', {
    details: stderr.trim() ? `Command output:\n${tail(stderr)}` : undefined,
  });
}

/** Why a pod is not Running yet, in kubectl's words: ErrImagePull, ContainerCreating, Unschedulable... */
export function podWaitingReason(pod: V1Pod): string {
  const waiting = pod.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting;
  if (waiting) return `${waiting.reason ?? 'Waiting'}${waiting.message ? `: ${waiting.message}` : ''}`;
  const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled) return `${unscheduled.reason ?? 'Unschedulable'}${unscheduled.message ? `: ${unscheduled.message}` : ''}`;
  return pod.status?.phase ?? 'Pending';
}

export interface TokenFacts {
  issuer: string;
  audience: string;
  /** exp minus iat, or "forever" for a legacy token without exp. */
  lifetime: string;
  /** The object whose deletion invalidates the token. */
  bound: string;
  /** The kubelet's token: valid for a year, but the API server counts uses after warnafter as stale. */
  stale: string;
}

/** The differences between service-account tokens that matter to a reviewer, read from the JWT's claims. */
export function tokenFacts(token: string): TokenFacts {
  const claims = decodeJwt(token).claims;
  const k8s = (claims['kubernetes.io'] ?? {}) as { pod?: { name?: string }; secret?: { name?: string }; node?: { name?: string }; warnafter?: number; serviceaccount?: { name?: string } };
  const aud = claims.aud;
  const { exp, iat } = claims as { exp?: number; iat?: number };
  const legacySecret = claims['kubernetes.io/serviceaccount/secret.name'];
  const bound = k8s.pod?.name
    ? `Pod ${k8s.pod.name}${k8s.node?.name ? ` (on node ${k8s.node.name})` : ''}`
    : k8s.secret?.name
      ? `Secret ${k8s.secret.name}`
      : typeof legacySecret === 'string'
        ? `Secret ${legacySecret} (legacy)`
        : `ServiceAccount ${k8s.serviceaccount?.name ?? ''} only`;
  return {
    issuer: String(claims.iss ?? ''),
    audience: Array.isArray(aud) ? aud.join(', ') : aud === undefined ? '(none)' : String(aud),
    lifetime: typeof exp === 'number' ? formatSpan(exp - (iat ?? exp)) : 'forever (no exp)',
    bound,
    stale: typeof k8s.warnafter === 'number' && typeof iat === 'number' ? `after ${formatSpan(k8s.warnafter - iat)}` : '-',
  };
}

export const isStatus = (error: unknown, code: number) => error instanceof ApiException && error.code === code;

/** Creates the object unless it exists; the 409 from a second run is the expected, harmless answer. */
async function createIfMissing(create: () => Promise<unknown>): Promise<'created' | 'exists'> {
  try {
    await create();
    return 'created';
  } catch (error) {
    if (isStatus(error, 409)) return 'exists';
    throw error;
  }
}

/** Deletes the object if it is there; a 404 means it is already gone. */
async function deleteIfPresent(remove: () => Promise<unknown>): Promise<'deleted' | 'absent'> {
  try {
    await remove();
    return 'deleted';
  } catch (error) {
    if (isStatus(error, 404)) return 'absent';
    throw error;
  }
}

export class Kube {
  readonly core: CoreV1Api;
  readonly rbac: RbacAuthorizationV1Api;
  readonly authz: AuthorizationV1Api;

  constructor(readonly config: KubeConfig) {
    this.core = config.makeApiClient(CoreV1Api);
    this.rbac = config.makeApiClient(RbacAuthorizationV1Api);
    this.authz = config.makeApiClient(AuthorizationV1Api);
  }

  static fromFile(path: string): Kube {
    const config = new KubeConfig();
    config.loadFromFile(path);
    return new Kube(config);
  }

  /** kubectl version: the API server's build, from GET /version. */
  version(): Promise<VersionInfo> {
    return this.config.makeApiClient(VersionApi).getCode();
  }

  /** kubectl api-resources --api-group=authentication.k8s.io -o wide: the resources a group serves, their scope and verbs. */
  async apiResources(groupVersion: 'authentication.k8s.io/v1' | 'authorization.k8s.io/v1') {
    const api = groupVersion.startsWith('authentication') ? this.config.makeApiClient(AuthenticationV1Api) : this.authz;
    const list = await api.getAPIResources();
    return list.resources.filter((r) => !r.name.includes('/')).map((r) => ({ name: r.name, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs }));
  }

  /** kubectl get clusterrolebindings,rolebindings -A, filtered to those that grant ROLE. */
  async bindingsTo(clusterRole: string) {
    const [cluster, namespaced] = await Promise.all([this.rbac.listClusterRoleBinding(), this.rbac.listRoleBindingForAllNamespaces()]);
    const describe = (kind: string, b: (typeof cluster.items)[number] | (typeof namespaced.items)[number]) => ({
      kind,
      name: b.metadata?.namespace ? `${b.metadata.namespace}/${b.metadata?.name}` : b.metadata?.name,
      subjects: (b.subjects ?? []).map((s) => `${s.kind}:${s.namespace ? `${s.namespace}/` : ''}${s.name}`).join(', '),
    });
    return [
      ...cluster.items.filter((b) => b.roleRef.name === clusterRole).map((b) => describe('ClusterRoleBinding', b)),
      ...namespaced.items.filter((b) => b.roleRef.kind === 'ClusterRole' && b.roleRef.name === clusterRole).map((b) => describe('RoleBinding', b)),
    ];
  }

  /** kubectl get clusterrole NAME -o yaml */
  getClusterRole(name: string): Promise<V1ClusterRole> {
    return this.rbac.readClusterRole({ name });
  }

  /** kubectl create namespace NAME */
  ensureNamespace(name: string) {
    return createIfMissing(() => this.core.createNamespace({ body: { metadata: { name, labels: { 'app.kubernetes.io/part-of': 'auth-delegator-lab' } } } }));
  }

  /** kubectl create serviceaccount NAME -n NS */
  ensureServiceAccount(sa: ServiceAccountRef) {
    return createIfMissing(() => this.core.createNamespacedServiceAccount({ namespace: sa.namespace, body: { metadata: { name: sa.name } } }));
  }

  /**
   * kubectl create token NAME -n NS [--audience A] [--duration D] [--bound-object-kind Pod --bound-object-name P]:
   * a short-lived token from the TokenRequest API. Bound to a pod, it is what the kubelet asks for.
   */
  async requestToken(
    sa: ServiceAccountRef,
    opts: { audiences?: string[]; expirationSeconds?: number; boundPod?: { name: string; uid?: string } } = {},
  ): Promise<string> {
    const boundObjectRef = opts.boundPod ? { apiVersion: 'v1', kind: 'Pod', name: opts.boundPod.name, uid: opts.boundPod.uid } : undefined;
    const res = await this.core.createNamespacedServiceAccountToken({
      name: sa.name,
      namespace: sa.namespace,
      body: { spec: { audiences: opts.audiences ?? [], expirationSeconds: opts.expirationSeconds ?? 3600, boundObjectRef } },
    });
    const token = res.status?.token;
    if (!token) throw new LabError(`TokenRequest for ${serviceAccountUser(sa)} returned no token.`, 'check the kube-apiserver log for --service-account-signing-key-file errors');
    return token;
  }

  /**
   * A legacy `kubernetes.io/service-account-token` Secret, filled in by the token controller
   * (`kubectl get secret NAME -n NS -o json`). Returns the Secret as the API server stores it.
   */
  async legacyTokenSecret(sa: ServiceAccountRef, secretName = `${sa.name}-token`, timeoutMs = 30_000): Promise<V1Secret> {
    await createIfMissing(() =>
      this.core.createNamespacedSecret({
        namespace: sa.namespace,
        body: { metadata: { name: secretName, annotations: { 'kubernetes.io/service-account.name': sa.name } }, type: 'kubernetes.io/service-account-token' },
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const secret = await this.core.readNamespacedSecret({ name: secretName, namespace: sa.namespace });
      if (secret.data?.token) return secret;
      await sleep(200);
    }
    throw new LabError(
      `The token controller did not fill Secret ${sa.namespace}/${secretName} within ${timeoutMs / 1000}s.`,
      'check that kube-controller-manager runs (npm run lab -- status) with --service-account-private-key-file',
    );
  }

  /** kubectl get secret NAME -n NS -o json */
  readSecret(namespace: string, name: string): Promise<V1Secret> {
    return this.core.readNamespacedSecret({ name, namespace });
  }

  /** kubectl delete secret NAME -n NS --ignore-not-found */
  deleteSecret(namespace: string, name: string) {
    return deleteIfPresent(() => this.core.deleteNamespacedSecret({ name, namespace }));
  }

  /** kubectl apply -f pod.yaml, for a pod that only needs to exist: an existing pod of that name is kept. */
  ensurePod(pod: V1Pod) {
    return createIfMissing(() => this.core.createNamespacedPod({ namespace: pod.metadata?.namespace ?? 'default', body: pod }));
  }

  /** kubectl get pod NAME -n NS -o yaml */
  readPod(ref: PodRef): Promise<V1Pod> {
    return this.core.readNamespacedPod({ name: ref.name, namespace: ref.namespace });
  }

  /** kubectl wait pod/NAME -n NS --for=jsonpath='{.status.phase}'=Running; a pod that never runs fails with its reason. */
  async untilPodRunning(ref: PodRef, timeoutMs = 180_000): Promise<V1Pod> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pod = await this.readPod(ref);
      if (pod.status?.phase === 'Running') return pod;
      if (Date.now() > deadline) {
        throw new LabError(
          `Pod ${ref.namespace}/${ref.name} is not Running after ${timeoutMs / 1000}s: ${podWaitingReason(pod)}.`,
          `run \`kubectl describe pod ${ref.name} -n ${ref.namespace}\`; for an image pull error, pull the image with docker and \`kind load docker-image IMAGE --name auth-delegator-lab\``,
        );
      }
      await sleep(500);
    }
  }

  /** kubectl exec NAME -n NS -c CONTAINER -- COMMAND...: runs a command in a pod (through the kubelet) and returns its stdout. */
  async execInPod(ref: PodRef, container: string, command: string[]): Promise<string> {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const sink = (into: Buffer[]) =>
      new Writable({
        write(chunk: Buffer | string, _encoding, done) {
          into.push(Buffer.from(chunk));
          done();
        },
      });
    const status = await new Promise<V1Status | undefined>((resolve, reject) => {
      new Exec(this.config)
        .exec(ref.namespace, ref.name, container, command, sink(stdout), sink(stderr), null, false, resolve)
        .then((socket) => socket.on('close', () => resolve(undefined)))
        .catch(reject);
    });
    return execOutcome(command, status, Buffer.concat(stdout).toString('utf8'), Buffer.concat(stderr).toString('utf8'));
  }

  /**
   * kubectl create -f token-review.json -o yaml, as the lab's admin (system:masters may create anything):
   * shows that the token under review needs no permission of its own.
   */
  createTokenReview(token: string, audiences?: string[]): Promise<V1TokenReview> {
    return this.config.makeApiClient(AuthenticationV1Api).createTokenReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences } } });
  }

  /** kubectl create clusterrolebinding NAME --clusterrole=ROLE --serviceaccount=NS:SA */
  bindClusterRole(bindingName: string, sa: ServiceAccountRef, clusterRole = 'system:auth-delegator') {
    return createIfMissing(() =>
      this.rbac.createClusterRoleBinding({
        body: {
          metadata: { name: bindingName },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
          subjects: [{ kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace }],
        },
      }),
    );
  }

  /** kubectl delete clusterrolebinding NAME */
  unbindClusterRole(bindingName: string) {
    return deleteIfPresent(() => this.rbac.deleteClusterRoleBinding({ name: bindingName }));
  }

  /** kubectl create rolebinding NAME -n NS --clusterrole=ROLE --serviceaccount=NS:SA (namespaced: not enough for TokenReview). */
  bindRoleInNamespace(bindingName: string, sa: ServiceAccountRef, clusterRole = 'system:auth-delegator') {
    return createIfMissing(() =>
      this.rbac.createNamespacedRoleBinding({
        namespace: sa.namespace,
        body: {
          metadata: { name: bindingName },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
          subjects: [{ kind: 'ServiceAccount', name: sa.name, namespace: sa.namespace }],
        },
      }),
    );
  }

  /** kubectl delete rolebinding NAME -n NS */
  unbindRoleInNamespace(bindingName: string, namespace: string) {
    return deleteIfPresent(() => this.rbac.deleteNamespacedRoleBinding({ name: bindingName, namespace }));
  }

  /** kubectl auth can-i create tokenreviews --as=system:serviceaccount:NS:SA (a SubjectAccessReview). */
  async canI(user: string, groups: string[], attrs: { verb: string; group: string; resource: string; namespace?: string }): Promise<V1SubjectAccessReviewStatus> {
    const review = await this.authz.createSubjectAccessReview({
      body: { spec: { user, groups, resourceAttributes: { verb: attrs.verb, group: attrs.group, resource: attrs.resource, namespace: attrs.namespace } } },
    });
    return review.status ?? { allowed: false };
  }

  /** kubectl delete namespace NAME (the namespace controller removes what is inside). */
  deleteNamespace(name: string) {
    return deleteIfPresent(() => this.core.deleteNamespace({ name }));
  }
}
