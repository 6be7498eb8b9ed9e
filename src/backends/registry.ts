// Every backend by its name, and the default choice. Loading a backend loads none of client-node: kube/
// loads it when a call first needs it.
import { LabError } from '../errors.js';
import type { Backend } from './backend.js';
import { existingBackend } from './existing/existing-backend.js';
import { kindBackend } from './kind/kind-backend.js';
import { localBackend } from './local/local-backend.js';
import type { BackendName } from './state.js';

const BY_NAME: Readonly<Record<BackendName, Backend>> = {
  kind: kindBackend,
  local: localBackend,
  existing: existingBackend,
};
/** Without --backend: the first of these that can start here. */
const PREFERENCE: readonly Backend[] = [kindBackend, localBackend];

export const backendOf = (name: BackendName): Backend => BY_NAME[name];

export const allBackends = (): readonly Backend[] => Object.values(BY_NAME);

/** What `doctor` checks for the backends beside what every backend needs: Docker and kind, the local servers. */
export const backendChecks = () => allBackends().flatMap((b) => b.checks);

/** The backend asked for, refused with its fix when it cannot start here; without a request, the first that can. */
export async function chooseBackend(requested: BackendName | undefined): Promise<Backend> {
  if (requested) {
    const backend = backendOf(requested);
    const why = await backend.unavailable();
    if (why) throw new LabError(why.problem, why.fix);
    return backend;
  }
  for (const backend of PREFERENCE) if (!(await backend.unavailable())) return backend;
  return localBackend;
}
