// Global setup for integration tests: provision the binaries and start the real local backend.
// A lab that is already running is reused (and left running); one started here is stopped afterwards.
import { install } from '../../src/lab/install.js';
import { up } from '../../src/lab/up.js';
import { down } from '../../src/lab/down.js';
import { Progress } from '../../src/output/progress.js';

let startedHere = false;

export async function setup(): Promise<void> {
  const progress = new Progress(process.stderr, false);
  await install(progress);
  const { alreadyRunning } = await up(progress, { backend: 'local' });
  startedHere = !alreadyRunning;
}

export async function teardown(): Promise<void> {
  if (startedHere) await down();
}
