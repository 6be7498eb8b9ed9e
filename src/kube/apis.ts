// The client-node APIs the lab's Kubernetes calls share, and the two answers a re-run cell expects (409, 404).
import type {
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';

/**
 * client-node, loaded on first use: it takes about a second to load, which a notebook's setup cell should not wait for.
 * @internal
 */
export type ClientNode = typeof import('@kubernetes/client-node');
/** @internal */
export const loadClientNode = (): Promise<ClientNode> => import('@kubernetes/client-node');

/**
 * True when client-node's error is the API server answering `code` (409 on a second create, 404 on a gone
 * object): an ApiException carries the HTTP status as a number in `code`, beside the answer's body and headers.
 */
export function isStatus(error: unknown, code: number): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'body' in error &&
    'headers' in error &&
    (error as { code?: unknown }).code === code
  );
}

/** Creates the object unless it exists; the 409 from a second run is the expected, harmless answer. */
export async function createIfMissing(create: () => Promise<unknown>): Promise<'created' | 'exists'> {
  try {
    await create();
    return 'created';
  } catch (error) {
    if (isStatus(error, 409)) return 'exists';
    throw error;
  }
}

/** Reads the object, or undefined when the API server answers 404: a check's "not made yet". */
export async function readIfPresent<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/** Deletes the object if it is there; a 404 means it is already gone. */
export async function deleteIfPresent(remove: () => Promise<unknown>): Promise<'deleted' | 'absent'> {
  try {
    await remove();
    return 'deleted';
  } catch (error) {
    if (isStatus(error, 404)) return 'absent';
    throw error;
  }
}

/** The typed API groups every call goes through, as the identity of the kubeconfig. */
export interface Apis {
  lib: ClientNode;
  config: KubeConfig;
  core: CoreV1Api;
  rbac: RbacAuthorizationV1Api;
  authz: AuthorizationV1Api;
  authn: AuthenticationV1Api;
}

/**
 * What every call of the lab's Kubernetes client runs against. `api` is marked internal: the declarations the
 * notebooks import leave it out (tsconfig.build.json stripInternal), so a notebook's type-check never reads
 * client-node's generated API (see models.ts).
 */
export interface KubeHandle {
  /** @internal */
  readonly api: Promise<Apis>;
  /**
   * The namespaces this identity may read, when it may not list across the cluster (a workshop learner's);
   * undefined for an admin.
   */
  readonly scope?: readonly string[];
}

/** client-node's API groups for a kubeconfig, made once client-node has loaded. */
export function connectApis(config: KubeConfig | Promise<KubeConfig>): Promise<Apis> {
  const apis = Promise.all([loadClientNode(), config]).then(([lib, config]) => ({
    lib,
    config,
    core: config.makeApiClient(lib.CoreV1Api),
    rbac: config.makeApiClient(lib.RbacAuthorizationV1Api),
    authz: config.makeApiClient(lib.AuthorizationV1Api),
    authn: config.makeApiClient(lib.AuthenticationV1Api),
  }));
  // Until a call awaits it, a failure here (an unreadable kubeconfig) is reported by that call.
  apis.catch(() => undefined);
  return apis;
}
