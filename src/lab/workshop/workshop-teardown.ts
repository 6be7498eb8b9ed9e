// `workshop teardown`: removes what the host's record names, and what the learners made under their
// prefixes, and nothing else. Each phase runs even when one before it failed; the admission policies go
// last whatever happened, and the record goes only when everything else did, so teardown can run again.
import { LabError, describe } from '../../errors.js';
import type { Logger } from '../../output/steps.js';
import { removePolicies } from './admission.js';
import { Recorder } from './claim.js';
import type { Host } from './host.js';
import {
  type Outcome,
  awaitNamespacesGone,
  deleteClusterRbac,
  deleteLearnerNamespaces,
  recordedNamespaces,
} from './kube-teardown.js';
import { HOST_NAMESPACE } from './plan.js';
import { RECORD_NAME, readRecord, removeRecord } from './host-record.js';
import { checkHostToken } from './vault-side.js';
import { vaultTeardown } from './vault-teardown.js';

export interface TeardownOptions {
  /** How long the learners' namespaces may take to go before teardown names what holds them. */
  namespaceTimeoutMs?: number;
}

/** Returns what it removed; throws, after removing all it could, naming each thing it could not. */
export async function teardownWorkshop(host: Host, log: Logger, opts: TeardownOptions = {}): Promise<string[]> {
  const record = await readRecord(host.kube);
  if (!record) {
    log.info(
      ` • No workshop record on context ${host.context} (configmap ${HOST_NAMESPACE}/${RECORD_NAME}): nothing to ` +
        `remove.`,
    );
    return [];
  }
  await checkHostToken(host.vault, 'teardown');
  const out: Outcome = { removed: [], problems: [] };
  const failures: unknown[] = [];
  const phase = async (run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      failures.push(error);
    }
  };
  // The namespaces first: the learners' accounts go with them, so no learner acts while the rest goes.
  await phase(() => deleteLearnerNamespaces(host.kube, record, out));
  await phase(async () => void out.removed.push(...(await vaultTeardown(host.vault, record))));
  await phase(() => deleteClusterRbac(host.kube, record, out));
  const timeoutMs = opts.namespaceTimeoutMs ?? 180_000;
  await phase(() => awaitNamespacesGone(host.kube, recordedNamespaces(record, 'learners'), timeoutMs));
  await phase(async () => void out.removed.push(...(await removePolicies(new Recorder(host.kube, record)))));
  if (failures.length === 0) {
    await phase(async () => {
      out.removed.push(...(await removeRecord(host.kube, record)));
      await awaitNamespacesGone(host.kube, recordedNamespaces(record, 'host'), timeoutMs);
    });
  }
  for (const what of out.removed) log.info(` ✓ removed ${what}`);
  if (failures.length === 0 && out.problems.length === 0) return out.removed;
  const reasons = [...failures.map((f) => describe(f)), ...out.problems];
  throw new LabError(
    `workshop teardown removed ${out.removed.length} objects but not everything:`,
    failures.length > 0
      ? 'fix what is named above, then run `workshop teardown` again: the record stays until everything it names is ' +
          'gone'
      : 'each object named above was left alone on purpose',
    { details: reasons.map((r) => `- ${r.replaceAll('\n', '\n  ')}`).join('\n') },
  );
}
