// Scale benchmark for a workshop (not a test: it measures, it does not judge). On the running lab as the
// host's cluster and Vault, it prepares N learners, lets each make the objects of a few notebook steps,
// then has the dashboard compute every learner's row as often as the page asks (every 3 s) for a
// minute, and prints the API server's and Vault's latency per call at p50 and p99. It tears down after.
//
//   npx tsx scripts/workshop-benchmark.ts [LEARNERS=20] [SECONDS=60]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { readBundle } from '../src/backends/existing/bundle.js';
import { readState } from '../src/backends/state.js';
import { Kube } from '../src/kube/kube-client.js';
import { computeProgress } from '../src/lab/workshop/dashboard.js';
import { connectHost } from '../src/lab/workshop/host.js';
import { Latencies } from '../src/lab/workshop/latency.js';
import { REFRESH_MS } from '../src/lab/workshop/page.js';
import { prepare } from '../src/lab/workshop/prepare.js';
import { teardownWorkshop } from '../src/lab/workshop/workshop-teardown.js';
import { VaultClient } from '../src/vault/vault-client.js';
import { Steps, silent } from '../src/output/steps.js';

const learners = Number(process.argv[2] ?? 20);
const seconds = Number(process.argv[3] ?? 60);
const state = readState();
if (!state) throw new Error('start the lab first: npm run lab -- up --backend local');
const admin = new KubeConfig();
admin.loadFromFile(state.kubeconfig);
const host = await connectHost({
  kubeconfig: state.kubeconfig,
  context: admin.getCurrentContext(),
  vaultAddr: state.vault.addr,
  vaultToken: state.vault.token,
});
const dir = mkdtempSync(join(tmpdir(), 'workshop-bench-'));
const log = new Steps();

try {
  const roster = await log.step(`Preparing ${learners} learners`, () =>
    prepare(host, { learners, prefix: 'bench', dir, hours: 1 }, silent),
  );
  await log.step('Each learner makes the objects of a few steps', async () => {
    await Promise.all(
      roster.learners.map(async ({ prefix, bundle }, i) => {
        const b = readBundle(join(dir, bundle));
        const config = new KubeConfig();
        config.loadFromString(b.kubeconfig);
        const kube = new Kube(config);
        const app = { namespace: `${prefix}-lab-review`, name: 'app' };
        await kube.ensureServiceAccount({ namespace: `${prefix}-lab-tokens`, name: 'app' });
        if (i % 2 === 0)
          await kube
            .ensureServiceAccount(app)
            .then(() => kube.bindClusterRole(`${prefix}-lab-review-app-auth-delegator`, app));
        if (i % 3 === 0)
          await new VaultClient(b.vaultAddr, b.vaultToken, { mount: `${prefix}-kubernetes` }).enableKubernetesAuth();
      }),
    );
  });
  const latencies = new Latencies();
  const polls = await log.step(`Polling every ${REFRESH_MS / 1000} s for ${seconds} s`, async () => {
    const rounds: number[] = [];
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      const started = performance.now();
      const progress = await computeProgress(host, undefined, latencies);
      rounds.push(performance.now() - started);
      if (progress.learners.length !== learners)
        throw new Error(`the dashboard saw ${progress.learners.length} learners`);
      await new Promise((r) => setTimeout(r, Math.max(0, REFRESH_MS - (performance.now() - started))));
    }
    return rounds;
  });
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  log.info(`\n${learners} learners, ${polls.length} dashboard refreshes in ${seconds} s (one page open)`);
  for (const system of ['kube', 'vault']) {
    const name = system === 'kube' ? 'API server' : 'Vault';
    log.info(
      `  ${name.padEnd(10)} ${String(latencies.count(system)).padStart(5)} calls   p50 ${ms(latencies.percentile(system, 50))}   p99 ${ms(latencies.percentile(system, 99))}`,
    );
  }
  const sorted = [...polls].sort((x, y) => x - y);
  log.info(
    `  whole refresh          p50 ${ms(sorted[Math.ceil(sorted.length / 2) - 1] ?? Number.NaN)}   max ${ms(sorted.at(-1) ?? Number.NaN)}`,
  );
} finally {
  await log.step('Tearing the workshop down', () => teardownWorkshop(host, silent));
  rmSync(dir, { recursive: true, force: true });
}
