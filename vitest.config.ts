import { defineConfig } from 'vitest/config';

// Unit tests (*.test.ts) need nothing running; integration tests (*.int.test.ts) start the real
// local backend once in the global setup and talk to the real kube-apiserver and Vault.
export default defineConfig({
  test: {
    // Integration files share one lab, so files run one at a time.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          globalSetup: ['test/setup/lab.ts'],
          testTimeout: 180_000,
          hookTimeout: 1_800_000,
        },
      },
    ],
  },
});
