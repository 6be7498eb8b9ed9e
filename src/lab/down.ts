// `down`: stop every process `up` started and remove the state; safe to run any number of times.
import { CorruptStateError, clearState, readState, type LabState } from '../backends/state.js';
import { leftoverRecords, teardown, teardownWithoutState, whatRuns } from './teardown.js';

export interface DownResult {
  stopped: string[];
  /** Set when state.json could not be read and the processes were found another way. */
  warning?: string;
}

export async function down(): Promise<DownResult> {
  let state: LabState | undefined;
  try {
    state = readState();
  } catch (error) {
    if (!(error instanceof CorruptStateError)) throw error;
    return {
      stopped: await teardownWithoutState(),
      warning: `${error.problem} Looked for the lab's processes by their pid files, command lines and ports instead.`,
    };
  }
  if (!state) {
    // No record of a running lab, but `up` may have died after a backend began something (a kind cluster): finish
    // that.
    if (leftoverRecords().length > 0) return { stopped: await teardownWithoutState() };
    clearState();
    return { stopped: [] };
  }
  await teardown(state);
  return { stopped: whatRuns(state) };
}
