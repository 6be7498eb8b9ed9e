// `down`: stop every process `up` started and remove the state; safe to run any number of times.
import { readState } from '../backends/state.js';
import { teardown, whatRuns } from './up.js';
import { clearState } from '../backends/state.js';

export interface DownResult {
  stopped: string[];
}

export async function down(): Promise<DownResult> {
  const state = readState();
  if (!state) {
    clearState();
    return { stopped: [] };
  }
  await teardown(state);
  return { stopped: whatRuns(state) };
}
