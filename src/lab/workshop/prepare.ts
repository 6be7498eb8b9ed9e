// `workshop prepare`: everything a room of learners needs on the host's cluster and Vault, recorded as it is
// made, checked before anything is written, and proven enforced before the first bundle is handed out.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatBundle, readBundle } from '../../backends/existing/bundle.js';
import type { Logger } from '../../output/steps.js';
import { tokenKubeconfigYaml } from '../../pki/kubeconfig-yaml.js';
import { awaitPolicies, ensurePolicies } from './admission.js';
import type { Recorder } from './claim.js';
import { type Host, type Roster, type RosterEntry, readRoster, writeRoster } from './host.js';
import {
  awaitQuotas,
  checkPrefixFree,
  ensureLearner,
  ensureSharedRoles,
  learnerToken,
  openRecord,
} from './kube-side.js';
import { DEFAULT_HOURS, checkNoOverlap, learnerPlan, learnerPrefixes } from './plan.js';
import {
  checkHostToken,
  checkVaultPrefixFree,
  ensureTokenRole,
  mintToken,
  tokenAlive,
  writePolicy,
} from './vault-side.js';

export interface PrepareOptions {
  learners: number;
  prefix?: string;
  /** Where the roster and the env bundles go; made if missing, readable by the host alone. */
  dir: string;
  /** How long the learners' credentials last. */
  hours?: number;
}

/** The record, with every new learner checked (no name of theirs taken) and added, and what all share made. */
async function prepareShared(host: Host, prefixes: readonly string[], hours: number): Promise<Recorder> {
  const rec = await openRecord(host.kube, hours);
  const fresh = prefixes.filter((p) => !rec.record.learners.includes(p));
  checkNoOverlap([...rec.record.learners, ...fresh]);
  // Every new learner's names are checked before anything is made for any of them.
  for (const prefix of fresh) {
    const plan = learnerPlan(prefix);
    await checkPrefixFree(host.kube, plan);
    await checkVaultPrefixFree(host.vault, prefix, plan.policy);
  }
  rec.record.learners.push(...fresh);
  rec.record.hours = hours;
  await rec.save();
  await ensureSharedRoles(rec);
  // The policies hold every learner before any learner's account exists.
  await ensurePolicies(rec);
  await ensureTokenRole(rec, host.vault, hours);
  return rec;
}

/** One learner's objects and env bundle: the old bundle kept while it works, else a new one with fresh credentials. */
async function prepareLearner(
  host: Host,
  rec: Recorder,
  prefix: string,
  old: RosterEntry | undefined,
  opts: PrepareOptions & { hours: number },
  log: Logger,
): Promise<RosterEntry> {
  const plan = learnerPlan(prefix);
  const marker = await ensureLearner(rec, plan);
  await writePolicy(rec, host.vault, plan.policy, prefix);
  const bundle = `${prefix}.env`;
  const works =
    old && old.marker === marker && existsSync(join(opts.dir, bundle)) && (await tokenAlive(host.vault, old.accessor));
  if (old && works) {
    log.info(` ✓ ${prefix} (kept: its bundle still works)`);
    return old;
  }
  if (old) await host.vault.request('POST', 'auth/token/revoke-accessor', { accessor: old.accessor });
  const { token, accessor } = await mintToken(rec, host.vault, plan.policy, prefix, opts.hours);
  const context = `${prefix}@workshop`;
  const kubeconfig = tokenKubeconfigYaml({
    server: host.server,
    caCert: host.ca,
    token: await learnerToken(host.kube, plan, opts.hours),
    clusterName: 'workshop',
    userName: prefix,
    contextName: context,
    namespace: plan.working,
  });
  const text = formatBundle({
    prefix,
    context,
    marker,
    kubeServer: host.server,
    kubeconfig,
    vaultAddr: host.vault.addr,
    vaultToken: token,
  });
  writeFileSync(join(opts.dir, bundle), text, { mode: 0o600 });
  log.info(` ✓ ${prefix} → ${bundle}`);
  return { prefix, bundle, accessor, marker };
}

/** Idempotent: what the record holds is kept, a learner whose bundle still works keeps it; returns the roster. */
export async function prepare(host: Host, opts: PrepareOptions, log: Logger): Promise<Roster> {
  const prefixes = learnerPrefixes(opts.learners, opts.prefix);
  const hours = opts.hours ?? DEFAULT_HOURS;
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  await checkHostToken(host.vault, 'prepare');
  const rec = await prepareShared(host, prefixes, hours);
  const before = new Map((readRoster(opts.dir)?.learners ?? []).map((l) => [l.prefix, l]));
  const learners: RosterEntry[] = [];
  // Saved after each learner, so the host's roster knows every bundle written so far.
  const save = () => {
    const pending = [...before.values()].filter((l) => !learners.some((done) => done.prefix === l.prefix));
    const roster: Roster = {
      context: host.context,
      server: host.server,
      vaultAddr: host.vault.addr,
      learners: [...learners, ...pending],
    };
    writeRoster(opts.dir, roster);
    return roster;
  };
  for (const prefix of prefixes) {
    learners.push(await prepareLearner(host, rec, prefix, before.get(prefix), { ...opts, hours }, log));
    save();
  }
  // No learner starts before their namespaces' quotas count and the API server enforces every policy.
  await awaitQuotas(host.kube, prefixes.map(learnerPlan));
  const first = learners[0];
  if (first) await awaitPolicies(readBundle(join(opts.dir, first.bundle)).kubeconfig, learnerPlan(first.prefix), hours);
  return save();
}
