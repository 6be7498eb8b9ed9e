import { defineConfig } from 'vitest/config';

// Unit tests (*.test.ts) need nothing running; integration tests (*.int.test.ts) start the real
// local backend once in the global setup and talk to the real kube-apiserver and Vault.
//
// Integration files share one lab (and the lifecycle test starts a second one), so they run one at a time.
// `fileParallelism` cannot say that for one project: in Vitest 3.2 it is a root-only option (it is in
// NonProjectOptions, which ProjectConfig omits), so at the root it serialised the unit files too. The
// integration project instead runs its files in a single fork, one after another, and only once the unit
// project has finished (sequence.groupOrder), so unit files run in parallel and never beside a lab start-up.
//
// `npm run test:kind` (LAB_TEST_BACKEND=kind) runs, against a kind cluster, the integration tests whose answers
// depend on the backend (every notebook, the recordings, TokenReview, Vault's client, every incident cause), and
// the tests of the kind backend itself (*.docker.test.ts), which need Docker and kind. The rest (the runner,
// JupyterLab, the local backend's lifecycle) would only run again what `npm test` already ran.
const onKind = process.env.LAB_TEST_BACKEND === 'kind';
const KIND_SUITE = [
  'test/backends/**/*.docker.test.ts',
  'test/exercises/incident/incident.int.test.ts',
  'test/notebooks/notebooks.int.test.ts',
  'test/record/recording.int.test.ts',
  'test/tokenreview.int.test.ts',
  'test/vault/vault-client.int.test.ts',
];

export default defineConfig({
  test: {
    // Only the unit project runs in threads. Its files share their workers' module cache instead of each
    // loading its imports afresh, which halves the unit run on two cores. Vitest reads this per pool, not
    // per project, so it sits here. No unit test keeps state between files: environment stubs are undone
    // after each test (unstubEnvs), and the project passes in shuffled file orders.
    poolOptions: { threads: { isolate: false } },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts', 'test/**/*.docker.test.ts'],
          testTimeout: 30_000,
          // Threads, which share a worker's module cache between files (see poolOptions above).
          pool: 'threads',
          unstubEnvs: true,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: onKind ? KIND_SUITE : ['test/**/*.int.test.ts'],
          globalSetup: ['test/setup/lab.ts'],
          testTimeout: 180_000,
          hookTimeout: 1_800_000,
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
