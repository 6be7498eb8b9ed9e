// The client-node APIs the lab's Kubernetes calls share, and the two answers a re-run cell expects (409, 404).
import { ApiException, AuthorizationV1Api, CoreV1Api, KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';

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

/** The typed API groups every call here goes through, as the admin user of the kubeconfig. */
export class KubeApis {
  readonly core: CoreV1Api;
  readonly rbac: RbacAuthorizationV1Api;
  readonly authz: AuthorizationV1Api;

  /**
   * @param scope the namespaces this identity may read, when it may not list across the cluster (a workshop
   * learner's); undefined for an admin.
   */
  constructor(
    readonly config: KubeConfig,
    readonly scope?: readonly string[],
  ) {
    this.core = config.makeApiClient(CoreV1Api);
    this.rbac = config.makeApiClient(RbacAuthorizationV1Api);
    this.authz = config.makeApiClient(AuthorizationV1Api);
  }
}
