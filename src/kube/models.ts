// The Kubernetes object types the notebooks see, each imported from its own model file in client-node.
// Importing from the package's index would make every notebook's type-check read all 19 MB of client-node's
// generated declarations (tslab checks each cell against everything the import reaches); these files reach
// a few dozen. V1Pod reaches the whole API (through IntOrString), so the lab's pods have their own type.
import type { V1NodeList } from '@kubernetes/client-node/dist/gen/models/V1NodeList.js';
import type { V1ObjectMeta } from '@kubernetes/client-node/dist/gen/models/V1ObjectMeta.js';
import type { V1PodSecurityContext } from '@kubernetes/client-node/dist/gen/models/V1PodSecurityContext.js';
import type { V1PodStatus } from '@kubernetes/client-node/dist/gen/models/V1PodStatus.js';
import type { V1SecurityContext } from '@kubernetes/client-node/dist/gen/models/V1SecurityContext.js';
import type { V1Volume } from '@kubernetes/client-node/dist/gen/models/V1Volume.js';
import type { V1VolumeMount } from '@kubernetes/client-node/dist/gen/models/V1VolumeMount.js';

export type { V1NodeList };
export type { V1APIResourceList } from '@kubernetes/client-node/dist/gen/models/V1APIResourceList.js';
export type { V1ClusterRole } from '@kubernetes/client-node/dist/gen/models/V1ClusterRole.js';
export type { V1PolicyRule } from '@kubernetes/client-node/dist/gen/models/V1PolicyRule.js';
export type { V1Secret } from '@kubernetes/client-node/dist/gen/models/V1Secret.js';
export type { V1ServiceAccount } from '@kubernetes/client-node/dist/gen/models/V1ServiceAccount.js';
export type { V1Status } from '@kubernetes/client-node/dist/gen/models/V1Status.js';
import type { V1SubjectAccessReview } from '@kubernetes/client-node/dist/gen/models/V1SubjectAccessReview.js';
/** What `kubectl auth can-i` answers (its model file's path is too long for a line of its own). */
export type V1SubjectAccessReviewStatus = NonNullable<V1SubjectAccessReview['status']>;
export type { V1TokenReview } from '@kubernetes/client-node/dist/gen/models/V1TokenReview.js';
export type { VersionInfo } from '@kubernetes/client-node/dist/gen/models/VersionInfo.js';

/** A container as the lab writes and reads it: a subset of V1Container, so any V1Container fits. */
export interface LabContainer {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  command?: string[];
  env?: { name: string; value?: string }[];
  volumeMounts?: V1VolumeMount[];
  securityContext?: V1SecurityContext;
}

/**
 * A pod as the lab writes and reads it: a subset of V1Pod, so a V1Pod from the API server fits, and this fits V1Pod.
 */
export interface LabPod {
  apiVersion?: string;
  kind?: string;
  metadata?: V1ObjectMeta;
  spec?: {
    serviceAccountName?: string;
    terminationGracePeriodSeconds?: number;
    securityContext?: V1PodSecurityContext;
    nodeName?: string;
    containers: LabContainer[];
    volumes?: V1Volume[];
  };
  status?: V1PodStatus;
}

/** `kubectl get nodes`: the one core call a notebook makes on lab.kube.core itself. */
export interface NodeReader {
  listNode(): Promise<V1NodeList>;
}
