// Where the API server's service-account signing key lives on each backend. Only notebook 05 reads it,
// to re-sign a copy of a real token with its times in the past (see mint.ts).
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KIND_CLUSTER } from '../backends/kind-marker.js';
import type { LabState } from '../backends/state.js';
import { LabError } from '../errors.js';
import { run } from '../exec.js';
import { pkiPaths } from '../pki/files.js';

export interface SigningKey {
  pem: string;
  /** Where it came from, as a command a reader could repeat. */
  source: string;
}

/** kind names its single node after the cluster; kubeadm keeps the key at this path inside it. */
export const KIND_SA_KEY = '/etc/kubernetes/pki/sa.key';

/** The key behind --service-account-signing-key-file: the lab's own PKI file, or read from the kind node. */
export async function serviceAccountSigningKey(state: Pick<LabState, 'backend' | 'kubeCaFile' | 'kindCluster'>): Promise<SigningKey> {
  if (state.backend === 'existing') {
    throw new LabError(
      "A shared cluster (backend existing) does not let the lab read its service-account signing key, so this step cannot re-sign a token here.",
      'read this step in recordings/05-troubleshooting.ipynb, or run it on your own laptop with `npm run lab -- up --backend local`',
    );
  }
  if (state.backend === 'local') {
    const path = pkiPaths(dirname(state.kubeCaFile)).serviceAccountKey;
    try {
      return { pem: await readFile(path, 'utf8'), source: `cat ${path}` };
    } catch (error) {
      throw new LabError(`Cannot read the service-account signing key ${path}.`, 'run `npm run lab -- down && npm run lab -- up` to write the PKI again', { cause: error });
    }
  }
  const node = `${state.kindCluster ?? KIND_CLUSTER}-control-plane`;
  const argv = ['exec', node, 'cat', KIND_SA_KEY];
  const { stdout } = await run('docker', argv, { fix: `check that the kind node runs: docker ps --filter name=${node}` });
  return { pem: `${stdout.trim()}\n`, source: `docker ${argv.join(' ')}` };
}
