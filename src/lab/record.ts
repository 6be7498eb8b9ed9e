// `npm run record`: make sure the venv and the lab are there, then record the running lab (see record/).
import type { BackendName } from '../backends/state.js';
import type { VaultPlace } from '../vault/dev-server.js';
import { NOTEBOOKS_DIR, recordLab, type RecordResult, type RecordingOptions } from '../record/recording.js';
import { install } from './install.js';
import { practiceNotebooks } from './practice-notebooks.js';
import { up } from './up.js';

export { DEFAULT_OUT_DIR, NOTEBOOKS_DIR, recordingsDir, type RecordResult } from '../record/recording.js';

export interface RecordOptions extends RecordingOptions {
  backend?: BackendName;
  /** Where Vault runs; notebook 07 is recorded with Vault in the cluster, the others with Vault on the host. */
  vault?: VaultPlace;
}

/**
 * Installs what is missing, starts (or reuses) the lab on the chosen backend, and records it. The recording
 * shows each task done the way a learner would: one wrong attempt and its hint first, then the solution.
 */
export async function record(options: RecordOptions): Promise<RecordResult> {
  await install(options.progress);
  const { state } = await up(options.progress, { backend: options.backend, vault: options.vault });
  const practiced = practiceNotebooks(options.notebooksDir ?? NOTEBOOKS_DIR, 'recording');
  try {
    return await recordLab(state, { ...options, notebooksDir: practiced.dir });
  } finally {
    practiced.remove();
  }
}
