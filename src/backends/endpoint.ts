// What every backend hands back once its API server answers: the shape `up` records, whichever backend ran.

/** Where the learner, Vault and curl reach the API server the backend started. */
export interface KubeEndpoint {
  kubeconfig: string;
  kubeServer: string;
  kubeCaFile: string;
}
