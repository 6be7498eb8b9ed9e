// The client-node APIs the lab's Kubernetes calls share, and the two answers a re-run cell expects (409, 404).
import { ApiException, AuthorizationV1Api, CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import type { NodeReader } from './models.js';

/** True when client-node's error is the API server answering `code` (409 on a second create, 404 on a gone object). */
export const isStatus = (error: unknown, code: number) => error instanceof ApiException && error.code === code;

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

/**
 * The typed API groups every call here goes through, as the admin user of the kubeconfig. They are
 * marked internal: the declarations the notebooks import leave them out (tsconfig.build.json stripInternal),
 * so a notebook's type-check never reads client-node's generated API (see models.ts).
 */
export class KubeApis {
  /** @internal */
  readonly api: { core: CoreV1Api; rbac: RbacAuthorizationV1Api; authz: AuthorizationV1Api };
  /** kubectl get nodes: `lab.kube.core.listNode()`. */
  readonly core: NodeReader;

  /** @internal */
  constructor(
    /** @internal */
    readonly config: KubeConfig,
  ) {
    this.api = { core: config.makeApiClient(CoreV1Api), rbac: config.makeApiClient(RbacAuthorizationV1Api), authz: config.makeApiClient(AuthorizationV1Api) };
    this.core = this.api.core;
  }
}
