// Global setup for integration tests: provision the binaries and start the real local backend (or kind).
// A lab that is already running is reused (and left running); one started here is stopped afterwards.
import { install } from '../../src/lab/install.js';
import { parseBackend } from '../../src/cli/args.js';
import { up } from '../../src/lab/up.js';
import { down } from '../../src/lab/down.js';
import { Steps } from '../../src/output/steps.js';

let startedHere = false;

export async function setup(): Promise<void> {
  const progress = new Steps(process.stderr, false);
  await install(progress);
  // LAB_TEST_BACKEND=kind runs the same integration tests against a kind cluster.
  const backend = parseBackend(process.env.LAB_TEST_BACKEND) ?? 'local';
  const { alreadyRunning } = await up(progress, { backend });
  startedHere = !alreadyRunning;
}

export async function teardown(): Promise<void> {
  if (startedHere) await down();
}
