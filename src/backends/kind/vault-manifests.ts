// Vault in the kind cluster, as the official Helm chart deploys it. Written by hand with the chart's names:
// hashicorp/vault-helm 0.34.1 with its defaults (standalone mode: a StatefulSet of one, file storage at
// /vault/data, the `vault` service account, and `server.authDelegator.enabled`), and these values:
//   server.image = LAB_VAULT_IMAGE (vault 1.21.1)   server.logLevel = debug
//   server.service.type = NodePort, server.service.nodePort = 30820 (kind publishes it on 127.0.0.1)
//   injector.enabled = false, ui.enabled = false
// Two differences, each for a cluster with no volume provisioner: the data volume is a PersistentVolume on the
// node that the lab makes for the chart's claim `data-vault-0`, and Vault runs as root, because a hostPath
// volume ignores the chart's fsGroup.
import type { Manifest } from '../../kube/objects.js';

/** The chart's release name and namespace, as `helm install vault hashicorp/vault -n vault` makes them. */
export const VAULT_NAMESPACE = 'vault';
export const VAULT_RELEASE = 'vault';
/** The chart's ClusterRoleBinding to system:auth-delegator (`{{ fullname }}-server-binding`). */
export const VAULT_BINDING = 'vault-server-binding';
export const VAULT_POD = 'vault-0';
/** The API server's name inside the cluster, which Vault's pod resolves (its kubernetes_host). */
export const IN_CLUSTER_API = 'https://kubernetes.default.svc';
/** The node port kind publishes on 127.0.0.1 (extraPortMappings), so this machine reaches Vault. */
export const VAULT_NODE_PORT = 30820;
/** Where the PersistentVolume keeps Vault's file storage inside the kind node. */
export const VAULT_DATA_PATH = '/var/local/auth-delegator-lab/vault-data';

/** The chart's server config (server.standalone.config), plus debug logging and no mlock (a pod cannot lock). */
export const VAULT_CONFIG = `ui = false
disable_mlock = true
log_level = "debug"

listener "tcp" {
  tls_disable = 1
  address = "[::]:8200"
  cluster_address = "[::]:8201"
}

storage "file" {
  path = "/vault/data"
}
`;

const labels = { 'app.kubernetes.io/name': 'vault', 'app.kubernetes.io/instance': VAULT_RELEASE };
const serverLabels = { ...labels, component: 'server' };
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: VAULT_NAMESPACE,
  labels,
  ...extra,
});

/** Every object of the release, in the order `kubectl apply` would create them. */
export function vaultManifests(image: string): Manifest[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: VAULT_NAMESPACE } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(VAULT_RELEASE) },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: VAULT_BINDING, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:auth-delegator' },
      subjects: [{ kind: 'ServiceAccount', name: VAULT_RELEASE, namespace: VAULT_NAMESPACE }],
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('vault-config'),
      data: { 'extraconfig-from-values.hcl': VAULT_CONFIG },
    },
    dataVolume(),
    ...services(),
    statefulSet(image),
  ];
}

function dataVolume(): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'vault-data', labels },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      storageClassName: '',
      claimRef: { namespace: VAULT_NAMESPACE, name: `data-${VAULT_POD}` },
      hostPath: { path: VAULT_DATA_PATH, type: 'DirectoryOrCreate' },
    },
  };
}

function services(): Manifest[] {
  const ports = [
    { name: 'http', port: 8200, targetPort: 8200, nodePort: VAULT_NODE_PORT },
    { name: 'https-internal', port: 8201, targetPort: 8201 },
  ];
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(VAULT_RELEASE),
      // The chart publishes a sealed Vault too, so `vault operator init` and `unseal` can reach it.
      spec: { type: 'NodePort', publishNotReadyAddresses: true, selector: serverLabels, ports },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('vault-internal'),
      spec: {
        clusterIP: 'None',
        publishNotReadyAddresses: true,
        selector: serverLabels,
        ports: ports.map(({ nodePort: _, ...port }) => port),
      },
    },
  ];
}

function statefulSet(image: string): Manifest {
  // POD_IP comes first: a $(VAR) reference sees only the variables above it.
  const env = [
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'VAULT_ADDR', value: 'http://127.0.0.1:8200' },
    { name: 'VAULT_API_ADDR', value: 'http://$(POD_IP):8200' },
    { name: 'HOME', value: '/home/vault' },
  ];
  const container = {
    name: 'vault',
    image,
    imagePullPolicy: 'IfNotPresent',
    command: ['vault', 'server', '-config=/vault/config/extraconfig-from-values.hcl'],
    env,
    ports: [
      { containerPort: 8200, name: 'http' },
      { containerPort: 8201, name: 'https-internal' },
    ],
    // As the chart's default: `vault status` exits 0 only once Vault is initialised and unsealed.
    readinessProbe: {
      exec: { command: ['/bin/sh', '-ec', 'vault status -tls-skip-verify'] },
      failureThreshold: 2,
      initialDelaySeconds: 5,
      periodSeconds: 5,
      timeoutSeconds: 3,
    },
    volumeMounts: [
      { name: 'data', mountPath: '/vault/data' },
      { name: 'config', mountPath: '/vault/config' },
      { name: 'home', mountPath: '/home/vault' },
    ],
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(VAULT_RELEASE),
    spec: {
      serviceName: 'vault-internal',
      podManagementPolicy: 'Parallel',
      replicas: 1,
      updateStrategy: { type: 'OnDelete' },
      selector: { matchLabels: serverLabels },
      template: {
        metadata: { labels: serverLabels },
        spec: {
          serviceAccountName: VAULT_RELEASE,
          terminationGracePeriodSeconds: 10,
          containers: [container],
          volumes: [
            { name: 'config', configMap: { name: 'vault-config' } },
            { name: 'home', emptyDir: {} },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '10Gi' } } },
        },
      ],
    },
  };
}
