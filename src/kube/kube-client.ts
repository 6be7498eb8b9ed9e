// The lab's Kubernetes client, the way kubectl has it: one method per kubectl command the notebooks use.
// It is composed, not inherited: each concern is a file of calls that take the client's handle (rbac.ts,
// pods.ts, accounts.ts, credentials.ts, configmaps.ts, namespaces.ts), and each method here is one of those calls.
import type { KubeConfig } from '@kubernetes/client-node';
import * as accounts from './accounts.js';
import * as configMaps from './configmaps.js';
import { bound } from '../methods.js';
import { type Apis, connectApis, type KubeHandle, loadClientNode } from './apis.js';
import * as credentials from './credentials.js';
import type { NodeReader, VersionInfo } from './models.js';
import * as namespaces from './namespaces.js';
import * as objects from './objects.js';
import * as pods from './pods.js';
import * as rbac from './rbac.js';

export class Kube implements KubeHandle {
  /** @internal */
  readonly api: Promise<Apis>;
  /** kubectl get nodes: `lab.kube.core.listNode()`. */
  readonly core: NodeReader;

  /** @internal */
  constructor(
    config: KubeConfig | Promise<KubeConfig>,
    /** The namespaces this identity may read, when it may not list across the cluster (a workshop learner's). */
    readonly scope?: readonly string[],
  ) {
    this.api = connectApis(config);
    this.core = { listNode: async () => (await this.api).core.listNode() };
  }

  /**
   * Returns at once; client-node loads and reads the kubeconfig in the background, and the first call waits for it.
   */
  static fromFile(path: string, scope?: readonly string[]): Kube {
    return new Kube(
      loadClientNode().then(({ KubeConfig }) => {
        const config = new KubeConfig();
        config.loadFromFile(path);
        return config;
      }),
      scope,
    );
  }

  /** kubectl version: the API server's build, from GET /version. */
  async version(): Promise<VersionInfo> {
    const { config, lib } = await this.api;
    return config.makeApiClient(lib.VersionApi).getCode();
  }

  /**
   * kubectl api-resources --api-group=authentication.k8s.io -o wide: the resources a group serves, their scope and
   * verbs.
   */
  async apiResources(groupVersion: 'authentication.k8s.io/v1' | 'authorization.k8s.io/v1') {
    const { authn, authz } = await this.api;
    const list = await (groupVersion.startsWith('authentication') ? authn : authz).getAPIResources();
    return list.resources
      .filter((r) => !r.name.includes('/'))
      .map((r) => ({ name: r.name, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs }));
  }

  // Namespaces (namespaces.ts)
  readonly ensureNamespace = bound(this, namespaces.ensureNamespace);
  readonly labelNamespace = bound(this, namespaces.labelNamespace);
  readonly deleteNamespace = bound(this, namespaces.deleteNamespace);
  // Service accounts (accounts.ts)
  readonly ensureServiceAccount = bound(this, accounts.ensureServiceAccount);
  readonly readServiceAccount = bound(this, accounts.readServiceAccount);
  readonly serviceAccountUid = bound(this, accounts.serviceAccountUid);
  readonly deleteServiceAccount = bound(this, accounts.deleteServiceAccount);
  readonly annotateServiceAccount = bound(this, accounts.annotateServiceAccount);
  // Tokens, Secrets and TokenReviews (credentials.ts)
  readonly requestToken = bound(this, credentials.requestToken);
  readonly legacyTokenSecret = bound(this, credentials.legacyTokenSecret);
  readonly readSecret = bound(this, credentials.readSecret);
  readonly createSecret = bound(this, credentials.createSecret);
  readonly deleteSecret = bound(this, credentials.deleteSecret);
  readonly readTokenSecret = bound(this, credentials.readTokenSecret);
  readonly writeTokenSecret = bound(this, credentials.writeTokenSecret);
  readonly createTokenReview = bound(this, credentials.createTokenReview);
  // ConfigMaps (configmaps.ts)
  readonly readConfigMap = bound(this, configMaps.readConfigMap);
  readonly writeConfigMap = bound(this, configMaps.writeConfigMap);
  readonly deleteConfigMap = bound(this, configMaps.deleteConfigMap);
  // RBAC and `kubectl auth can-i` (rbac.ts)
  readonly bindingsTo = bound(this, rbac.bindingsTo);
  readonly getClusterRole = bound(this, rbac.getClusterRole);
  readonly createClusterRole = bound(this, rbac.createClusterRole);
  readonly deleteClusterRole = bound(this, rbac.deleteClusterRole);
  readonly bindClusterRole = bound(this, rbac.bindClusterRole);
  readonly unbindClusterRole = bound(this, rbac.unbindClusterRole);
  readonly bindRoleInNamespace = bound(this, rbac.bindRoleInNamespace);
  readonly unbindRoleInNamespace = bound(this, rbac.unbindRoleInNamespace);
  readonly grantInNamespace = bound(this, rbac.grantInNamespace);
  readonly revokeInNamespace = bound(this, rbac.revokeInNamespace);
  readonly canI = bound(this, rbac.canI);
  readonly canAs = bound(this, rbac.canAs);
  // Pods and `kubectl exec` (pods.ts)
  readonly ensurePod = bound(this, pods.ensurePod);
  readonly readPod = bound(this, pods.readPod);
  readonly untilPodRunning = bound(this, pods.untilPodRunning);
  readonly execInPod = bound(this, pods.execInPod);
  readonly podLog = bound(this, objects.podLog);
  readonly deletePod = bound(this, objects.deletePod);
  readonly createObjects = bound(this, objects.createObjects);
}
