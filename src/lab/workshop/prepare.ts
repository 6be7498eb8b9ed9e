// `workshop prepare` and `workshop teardown`: the host's two commands around a workshop.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatBundle, readBundle } from '../../backends/bundle.js';
import { tokenKubeconfigYaml } from '../../pki/kubeconfig.js';
import type { Logger } from '../../output/progress.js';
import { awaitNamePolicy, ensureNamePolicy, removeNamePolicy } from './admission.js';
import { type Host, type Roster, type RosterEntry, readRoster, writeRoster } from './host.js';
import { ensureLearner, ensureSharedRoles, kubeTeardown, learnerToken, preparedNamespaces } from './kube-side.js';
import { learnerPlan, learnerPrefixes } from './plan.js';
import { checkHostToken, ensureTokenRole, mintToken, tokenAlive, vaultTeardown, writePolicy } from './vault-side.js';

export interface PrepareOptions {
  learners: number;
  prefix?: string;
  /** Where the roster and the env bundles go. */
  dir: string;
  /** How long the learners' credentials last. */
  hours?: number;
}

/** Idempotent: what exists is kept, a learner whose bundle still works keeps it; returns the roster. */
export async function prepare(host: Host, opts: PrepareOptions, log: Logger): Promise<Roster> {
  const prefixes = learnerPrefixes(opts.learners, opts.prefix);
  const hours = opts.hours ?? 12;
  await checkHostToken(host.vault);
  await ensureSharedRoles(host.kube);
  await ensureNamePolicy(host.kube);
  await ensureTokenRole(host.vault, hours);
  const before = new Map((readRoster(opts.dir)?.learners ?? []).map((l) => [l.prefix, l]));
  const learners: RosterEntry[] = [];
  // Saved after each learner, so an interrupted prepare still knows every token it made.
  const save = () => {
    const pending = [...before.values()].filter((l) => !learners.some((done) => done.prefix === l.prefix));
    const roster: Roster = { context: host.context, server: host.server, vaultAddr: host.vault.addr, learners: [...learners, ...pending] };
    writeRoster(opts.dir, roster);
    return roster;
  };
  for (const prefix of prefixes) {
    const plan = learnerPlan(prefix);
    const marker = await ensureLearner(host.kube, plan);
    await writePolicy(host.vault, plan.policy, prefix);
    const bundle = `${prefix}.env`;
    const old = before.get(prefix);
    if (old && old.marker === marker && existsSync(join(opts.dir, bundle)) && (await tokenAlive(host.vault, old.accessor))) {
      learners.push(old);
      log.info(` ✓ ${prefix} (kept: its bundle still works)`);
      continue;
    }
    if (old) await host.vault.request('POST', 'auth/token/revoke-accessor', { accessor: old.accessor });
    const { token, accessor } = await mintToken(host.vault, plan.policy, prefix, hours);
    const context = `${prefix}@workshop`;
    const kubeconfig = tokenKubeconfigYaml({ server: host.server, caCert: host.ca, token: await learnerToken(host.kube, plan, hours), clusterName: 'workshop', userName: prefix, contextName: context });
    writeFileSync(join(opts.dir, bundle), formatBundle({ prefix, context, marker, kubeServer: host.server, kubeconfig, vaultAddr: host.vault.addr, vaultToken: token }), { mode: 0o600 });
    learners.push({ prefix, bundle, accessor, marker });
    save();
    log.info(` ✓ ${prefix} → ${bundle}`);
  }
  // No learner starts before the API server holds every learner to their prefix.
  const first = learners[0];
  if (first) await awaitNamePolicy(readBundle(join(opts.dir, first.bundle)).kubeconfig);
  return save();
}

/** Removes every object prepare made and the learners' own bindings, mounts and entities; nothing else. */
export async function teardownWorkshop(host: Host, log: Logger): Promise<string[]> {
  await checkHostToken(host.vault);
  const learners = [...new Set((await preparedNamespaces(host.kube)).map((n) => n.learner).filter(Boolean))];
  const plans = learners.map(learnerPlan);
  const removed = [...(await vaultTeardown(host.vault, learners)), ...(await kubeTeardown(host.kube, plans)), ...(await removeNamePolicy(host.kube))];
  for (const what of removed) log.info(` ✓ removed ${what}`);
  return removed;
}
